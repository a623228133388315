namespace Demeter.Domain.Stock.Reconciliation;

/// <summary>One booked movement as the reports read it (a row of the movements read model).</summary>
public sealed record LedgerMovement(
    Guid BatchId,
    int StorageLocationId,
    int? ProductId,
    int? PackagingId,
    MovementType Type,
    int SignedQuantity,
    DateTimeOffset At,
    MovementSource Source,
    bool NeedsReview);

/// <summary>A photo count booked into a claro's ledger: its capture time, its total, and what could not be taken off.</summary>
public sealed record LedgerCount(int StorageLocationId, Guid SessionId, DateTimeOffset At, int Counted, int Unbooked);

/// <summary>The closing count of a period.</summary>
public sealed record ClosingCount(Guid SessionId, DateTimeOffset At, int Counted);

/// <summary>
/// The monthly reconciliation of a claro (or, summed, of a warehouse): baseline at the period start, the
/// movements up to the closing photo count, what the ledger expected then, the count, and the sales that the
/// difference implies. The sales are the same numbers the ledger booked when the count arrived, so the report
/// and the ledger always agree: <c>InferredSales == BookedSales − BookedAdjustments + Unbooked</c>.
/// </summary>
public sealed record ReconciliationReport(
    int? StorageLocationId,
    DateTimeOffset From,
    DateTimeOffset To,
    long Baseline,
    long Initialised,
    long Planted,
    long Deaths,
    long TransplantsIn,
    long TransplantsOut,
    long Adjustments,
    long RecordedSales,
    long Expected,
    ClosingCount? Closing,
    long? InferredSales,
    long BookedSales,
    long BookedAdjustments,
    long Unbooked,
    long AfterClosingCount,
    long ClosingBalance,
    IReadOnlyList<string> Flags,
    IReadOnlyList<ReconciliationReport> StorageLocations)
{
    public const string NegativeSales = "negative-sales: the count is higher than the ledger expected (counting error or unrecorded movements)";
    public const string NoClosingCount = "no-closing-count: no photo count was booked in the period";
    public const string UnbookedShortfall = "unbooked-shortfall: the count is lower than what later movements had already taken off";
    public const string AdjustmentToReview = "adjustment-to-review: an ajuste from a photo count waits for review";

    /// <summary>The report of one claro for [from, to), from every movement of the claro before <paramref name="to"/> and its booked counts.</summary>
    public static ReconciliationReport ForStorageLocation(
        int storageLocationId, DateTimeOffset from, DateTimeOffset to, IEnumerable<LedgerMovement> movements, IEnumerable<LedgerCount> counts)
    {
        var all = movements.Where(m => m.StorageLocationId == storageLocationId && m.At < to).ToList();
        var closing = counts
            .Where(c => c.StorageLocationId == storageLocationId && c.At >= from && c.At < to)
            .OrderBy(c => c.At)
            .ThenBy(c => c.SessionId)
            .LastOrDefault();
        var cut = closing?.At ?? to;
        bool InSegment(LedgerMovement m) => m.At >= from && (closing is null ? m.At < to : m.At <= cut);
        var segment = all.Where(InSegment).ToList();
        static bool Reconciling(LedgerMovement m) => m.Source == MovementSource.Reconciliation;

        long Sum(Func<LedgerMovement, bool> which) => segment.Where(m => !Reconciling(m) && which(m)).Sum(m => (long)m.SignedQuantity);
        var baseline = all.Where(m => m.At < from).Sum(m => (long)m.SignedQuantity);
        var initialised = Sum(m => m.Type.IsCount());
        var planted = Sum(m => m.Type is MovementType.Plantar or MovementType.Sembrar);
        var deaths = -Sum(m => m.Type == MovementType.Muerte);
        var transplantsIn = Sum(m => m.Type == MovementType.Transplante && m.SignedQuantity > 0);
        var transplantsOut = -Sum(m => m.Type == MovementType.Transplante && m.SignedQuantity < 0);
        var adjustments = Sum(m => m.Type == MovementType.Ajuste);
        var recordedSales = -Sum(m => m.Type == MovementType.Ventas);
        var expected = baseline + initialised + planted + transplantsIn - deaths - transplantsOut + adjustments - recordedSales;

        var reconciling = segment.Where(Reconciling).ToList();
        var bookedSales = -reconciling.Where(m => m.Type == MovementType.Ventas).Sum(m => (long)m.SignedQuantity);
        var bookedAdjustments = reconciling.Where(m => m.Type == MovementType.Ajuste).Sum(m => (long)m.SignedQuantity);
        var unbooked = counts.Where(c => c.StorageLocationId == storageLocationId && c.At >= from && c.At <= cut && c.At < to).Sum(c => (long)c.Unbooked);
        long? inferred = closing is null ? null : expected - closing.Counted;

        var flags = new List<string>();
        if (closing is null)
        {
            flags.Add(NoClosingCount);
        }
        else if (inferred < 0)
        {
            flags.Add(NegativeSales);
        }

        if (unbooked > 0)
        {
            flags.Add(UnbookedShortfall);
        }

        if (reconciling.Any(m => m.NeedsReview))
        {
            flags.Add(AdjustmentToReview);
        }

        var closingBalance = all.Sum(m => (long)m.SignedQuantity);
        var afterClosing = closing is null ? 0 : all.Where(m => m.At > cut).Sum(m => (long)m.SignedQuantity);
        return new ReconciliationReport(
            storageLocationId, from, to, baseline, initialised, planted, deaths, transplantsIn, transplantsOut, adjustments, recordedSales,
            expected, closing is null ? null : new ClosingCount(closing.SessionId, closing.At, closing.Counted), inferred,
            bookedSales, bookedAdjustments, unbooked, afterClosing, closingBalance, flags, []);
    }

    /// <summary>A warehouse's report: one line per claro, summed; inferred sales sum over the claros that have a closing count.</summary>
    public static ReconciliationReport Summed(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<ReconciliationReport> lines)
    {
        var counted = lines.Where(l => l.InferredSales is not null).ToList();
        var flags = lines
            .SelectMany(l => l.Flags.Select(f => f.Split(':')[0]))
            .GroupBy(code => code)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key}: {g.Count()} storage location(s)")
            .ToList();
        return new ReconciliationReport(
            null, from, to,
            lines.Sum(l => l.Baseline), lines.Sum(l => l.Initialised), lines.Sum(l => l.Planted), lines.Sum(l => l.Deaths),
            lines.Sum(l => l.TransplantsIn), lines.Sum(l => l.TransplantsOut), lines.Sum(l => l.Adjustments), lines.Sum(l => l.RecordedSales),
            lines.Sum(l => l.Expected), null, counted.Count == 0 ? null : counted.Sum(l => l.InferredSales!.Value),
            lines.Sum(l => l.BookedSales), lines.Sum(l => l.BookedAdjustments), lines.Sum(l => l.Unbooked),
            lines.Sum(l => l.AfterClosingCount), lines.Sum(l => l.ClosingBalance), flags, lines);
    }
}
