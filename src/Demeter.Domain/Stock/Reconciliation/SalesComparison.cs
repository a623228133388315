namespace Demeter.Domain.Stock.Reconciliation;

/// <summary>One accepted line of a client's sales file: a quantity sold of a product in a packaging.</summary>
public sealed record ReportedSale(int Line, int ProductId, int? PackagingId, int QuantitySold, DateOnly? SaleDate);

/// <summary>
/// What the ledger says of a product in a packaging: the stock now (active batches), when it was last photographed,
/// and the sales that photo counts inferred over the compared dates.
/// </summary>
public sealed record StockPosition(int ProductId, int? PackagingId, long Stock, DateTimeOffset? LastPhotoAt, long InferredSales);

public enum DepletionStatus
{
    Ok,
    Medium,
    Low,
    Critical,
}

/// <summary>One product and packaging compared.</summary>
public sealed record SalesComparisonRow(
    int ProductId,
    int? PackagingId,
    long Stock,
    long ReportedSales,
    long Estimated,
    double? VariancePct,
    DepletionStatus Status,
    long InferredSales,
    bool Discrepancy,
    string? DiscrepancyReason,
    int? DaysSincePhoto);

public sealed record SalesComparisonSummary(
    int ProductsAnalysed, long TotalStock, long TotalReportedSales, long TotalEstimated, double? AverageDepletionPct, int Critical, int Low,
    DateTimeOffset? LastPhotoAt, int Discrepancies);

public sealed record SalesComparisonReport(SalesComparisonSummary Summary, IReadOnlyList<SalesComparisonRow> Rows, IReadOnlyList<SalesComparisonRow> Discrepancies);

/// <summary>
/// Compares a client's reported sales with the ledger, per product and packaging: the estimated stock left
/// (stock − sales) and its status (critical when nothing is left, low under 20 % of the stock, medium under
/// 50 %), and whether the sales the photo counts inferred differ from the reported ones by more than the
/// tolerance (5 % of the reported sales), or the sales exceed the stock.
/// </summary>
public static class SalesComparison
{
    public const double DefaultTolerance = 0.05;

    public static SalesComparisonReport Compare(
        IReadOnlyList<ReportedSale> sales, IReadOnlyList<StockPosition> positions, DateTimeOffset today, double tolerance = DefaultTolerance)
    {
        var byKey = positions.ToDictionary(p => (p.ProductId, p.PackagingId));
        var rows = sales
            .GroupBy(s => (s.ProductId, s.PackagingId))
            .OrderBy(g => g.Key.ProductId)
            .ThenBy(g => g.Key.PackagingId ?? 0)
            .Select(g =>
            {
                var position = byKey.GetValueOrDefault(g.Key);
                var stock = position?.Stock ?? 0;
                var reported = g.Sum(s => (long)s.QuantitySold);
                var estimated = stock - reported;
                var status = estimated <= 0 ? DepletionStatus.Critical
                    : estimated < 0.2 * stock ? DepletionStatus.Low
                    : estimated < 0.5 * stock ? DepletionStatus.Medium
                    : DepletionStatus.Ok;
                var inferred = position?.InferredSales ?? 0;
                string? reason = null;
                if (reported > stock)
                {
                    reason = $"reported sales ({reported}) exceed the stock ({stock}): sales from another location, unrecorded plantings, or a counting error";
                }
                else if (Math.Abs(inferred - reported) > tolerance * reported)
                {
                    reason = $"the photo counts inferred {inferred} sold, {Math.Abs(inferred - reported) * 100.0 / reported:0.#} % away from the reported {reported} " +
                        "(more than the tolerance): theft, unrecorded deaths or a counting error";
                }

                return new SalesComparisonRow(
                    g.Key.ProductId,
                    g.Key.PackagingId,
                    stock,
                    reported,
                    estimated,
                    stock > 0 ? reported * 100.0 / stock : null,
                    status,
                    inferred,
                    reason is not null,
                    reason,
                    position?.LastPhotoAt is { } photo ? (int)Math.Floor((today - photo).TotalDays) : null);
            })
            .ToList();

        var withStock = rows.Where(r => r.VariancePct is not null).ToList();
        var summary = new SalesComparisonSummary(
            rows.Count,
            rows.Sum(r => r.Stock),
            rows.Sum(r => r.ReportedSales),
            rows.Sum(r => r.Estimated),
            withStock.Count == 0 ? null : withStock.Average(r => r.VariancePct!.Value),
            rows.Count(r => r.Status == DepletionStatus.Critical),
            rows.Count(r => r.Status == DepletionStatus.Low),
            positions.Where(p => rows.Any(r => r.ProductId == p.ProductId && r.PackagingId == p.PackagingId)).Max(p => p.LastPhotoAt),
            rows.Count(r => r.Discrepancy));
        return new SalesComparisonReport(summary, rows, rows.Where(r => r.Discrepancy).ToList());
    }
}
