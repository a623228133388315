using Demeter.Domain.Stock.Reconciliation;

namespace Demeter.Domain.Tests.Stock.Reconciliation;

public sealed class SalesComparisonTests
{
    private static readonly DateTimeOffset Today = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_product_and_pot_gets_its_estimate_status_and_variance()
    {
        StockPosition[] positions =
        [
            new(1, 8, 1000, Today.AddDays(-40), 100),
            new(2, 8, 100, Today.AddDays(-40), 90),
            new(3, null, 100, null, 0),
            new(4, null, 100, null, 0),
        ];
        ReportedSale[] sales = [new(2, 1, 8, 100, null), new(3, 2, 8, 85, null), new(4, 3, null, 60, null), new(5, 4, null, 100, null)];

        var report = SalesComparison.Compare(sales, positions, Today);

        var rows = report.Rows.ToDictionary(r => r.ProductId);
        Assert.Equal((900L, DepletionStatus.Ok, 10.0), (rows[1].Estimated, rows[1].Status, rows[1].VariancePct!.Value));
        Assert.Equal(DepletionStatus.Low, rows[2].Status);
        Assert.Equal(DepletionStatus.Medium, rows[3].Status);
        Assert.Equal(DepletionStatus.Critical, rows[4].Status);
        Assert.Equal(40, rows[1].DaysSincePhoto);
        Assert.Equal(2, report.Summary.Critical + report.Summary.Low);
    }

    [Fact]
    public void Inferred_sales_within_five_percent_agree_and_beyond_it_are_a_discrepancy()
    {
        StockPosition[] positions = [new(1, null, 1000, Today, 104), new(2, null, 1000, Today, 106)];
        ReportedSale[] sales = [new(2, 1, null, 100, null), new(3, 2, null, 100, null)];

        var report = SalesComparison.Compare(sales, positions, Today);

        Assert.False(report.Rows.Single(r => r.ProductId == 1).Discrepancy);
        Assert.True(report.Rows.Single(r => r.ProductId == 2).Discrepancy);
        Assert.Single(report.Discrepancies);
    }

    [Fact]
    public void Sales_beyond_the_stock_are_a_discrepancy_with_possible_causes()
    {
        var report = SalesComparison.Compare([new ReportedSale(2, 9, null, 50, null)], [], Today);

        var row = Assert.Single(report.Rows);
        Assert.Equal((0L, -50L, DepletionStatus.Critical), (row.Stock, row.Estimated, row.Status));
        Assert.Contains("exceed the stock", row.DiscrepancyReason);
    }
}
