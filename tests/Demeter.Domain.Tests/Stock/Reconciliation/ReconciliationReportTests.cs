using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Reconciliation;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Support;
using static Demeter.Domain.Tests.StorageLocations.StorageLocationDeciderTests;

namespace Demeter.Domain.Tests.Stock.Reconciliation;

public sealed class ReconciliationReportTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset April = new(2026, 4, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>The ledger's movements as the read model lists them.</summary>
    private static List<LedgerMovement> Ledger(LedgerSimulator sim) => sim.Movements
        .Select(m =>
        {
            var key = sim.Batch(m.BatchId).Identity!.Key;
            return new LedgerMovement(m.BatchId, key.StorageLocationId, key.ProductId, key.PackagingId, m.Type, m.SignedQuantity, m.At, m.Details.Source, m.Details.NeedsReview);
        })
        .ToList();

    private static List<LedgerCount> Counts(LedgerSimulator sim) => sim.Claros.Values
        .SelectMany(c => c.PhotoCounts.Values.Where(p => p.Status == PhotoCountStatus.Booked)
            .Select(p => new LedgerCount(c.StorageLocationId, p.SessionId, p.CapturedAt, p.Counted, p.Results.Values.Sum(r => r.Unbooked))))
        .ToList();

    [Fact]
    public void The_worked_example_infers_the_sales_the_ledger_booked_when_the_count_arrived()
    {
        // Baseline 10,000 (a February photo); in March +500 planted, -200 dead, -300 transplanted out; the
        // closing photo counts 9,500: 10,000 + 500 - 200 - 300 - 9,500 = 500 sold.
        var sim = new LedgerSimulator(42) { Now = March.AddDays(-10) };
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(-10), 10_000);
        var batch = sim.Batches.Keys.Single();
        sim.Move(new RecordMovement(batch, Guid.NewGuid(), MovementType.Plantar, 500, March.AddDays(3), MovementDetails.Manual()));
        sim.Move(new RecordMovement(batch, Guid.NewGuid(), MovementType.Muerte, 200, March.AddDays(9), MovementDetails.Manual()));
        sim.Transplant(new StartTransplant(
            Guid.NewGuid(), new Domain.Stock.Transplants.TransplantRequest(batch, 1300, 300, null, null, null, null, null, null, "u", null),
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), March.AddDays(15)));
        Assert.Equal(TransplantStatus.Completed, Assert.Single(sim.Transplants.Values).Status);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(28), 9_500);

        var report = ReconciliationReport.ForStorageLocation(Claro, March, April, Ledger(sim), Counts(sim));

        Assert.Equal((10_000, 500, 200, 300), (report.Baseline, report.Planted, report.Deaths, report.TransplantsOut));
        Assert.Equal(10_000, report.Expected);
        Assert.Equal(9_500, report.Closing!.Counted);
        Assert.Equal(500, report.InferredSales);
        Assert.Equal(500, report.BookedSales);
        Assert.Equal(9_500, sim.Batch(batch).Quantity);
        Assert.Empty(report.Flags);
    }

    [Fact]
    public void A_count_above_the_expected_is_negative_sales_flagged_and_matches_the_booked_adjustment()
    {
        var sim = new LedgerSimulator(43);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(-1), 1_000);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(20), 1_040);

        var report = ReconciliationReport.ForStorageLocation(Claro, March, April, Ledger(sim), Counts(sim));

        Assert.Equal(-40, report.InferredSales);
        Assert.Equal(40, report.BookedAdjustments);
        Assert.Equal(report.InferredSales, report.BookedSales - report.BookedAdjustments + report.Unbooked);
        Assert.Contains(ReconciliationReport.NegativeSales, report.Flags);
        Assert.Contains(ReconciliationReport.AdjustmentToReview, report.Flags);
    }

    [Fact]
    public void A_month_without_a_closing_count_reports_what_is_expected_and_says_so()
    {
        var sim = new LedgerSimulator(44);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(-1), 100);
        sim.Move(new RecordMovement(sim.Batches.Keys.Single(), Guid.NewGuid(), MovementType.Plantar, 7, March.AddDays(2), MovementDetails.Manual()));

        var report = ReconciliationReport.ForStorageLocation(Claro, March, April, Ledger(sim), Counts(sim));

        Assert.Null(report.InferredSales);
        Assert.Equal(107, report.Expected);
        Assert.Equal(107, report.ClosingBalance);
        Assert.Contains(ReconciliationReport.NoClosingCount, report.Flags);
    }

    [Fact]
    public void Movements_after_the_closing_count_belong_to_the_next_period_but_show_in_the_closing_balance()
    {
        var sim = new LedgerSimulator(45);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(-1), 100);
        sim.PhotoCount(Claro, Guid.NewGuid(), March.AddDays(10), 90);
        sim.Move(new RecordMovement(sim.Batches.Keys.Single(), Guid.NewGuid(), MovementType.Plantar, 30, March.AddDays(12), MovementDetails.Manual()));

        var report = ReconciliationReport.ForStorageLocation(Claro, March, April, Ledger(sim), Counts(sim));

        Assert.Equal(10, report.InferredSales);
        Assert.Equal(30, report.AfterClosingCount);
        Assert.Equal(120, report.ClosingBalance);
    }

    [Fact]
    public void A_warehouse_report_sums_its_claros()
    {
        var one = ReconciliationReport.ForStorageLocation(1, March, April, [], []);
        var lines = new[] { one with { StorageLocationId = 1, InferredSales = 5, Expected = 50 }, one with { StorageLocationId = 2, InferredSales = 7, Expected = 70 } };

        var summed = ReconciliationReport.Summed(March, April, lines);

        Assert.Equal((12L, 120L), (summed.InferredSales!.Value, summed.Expected));
        Assert.Equal(2, summed.StorageLocations.Count);
    }
}
