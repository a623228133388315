using Demeter.Domain.Stock;
using Demeter.Domain.Storage;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Support;
using static Demeter.Domain.Tests.StorageLocations.StorageLocationDeciderTests;

namespace Demeter.Domain.Tests.StorageLocations;

/// <summary>A photo that saw several kinds of container books each kind's count into the claro's lot in a bin of that kind.</summary>
public sealed class PhotoCountByCategoryTests
{
    private static Dictionary<StorageBinCategory, int> ByCategory(LedgerSimulator sim)
    {
        var claro = sim.Claro(Claro);
        return sim.Batches.Values
            .Where(b => b.Identity?.Key.StorageLocationId == Claro)
            .GroupBy(b => claro.Bins[b.Identity!.Key.BinId].Category)
            .ToDictionary(g => g.Key, g => g.Sum(b => b.Quantity));
    }

    [Fact]
    public void A_bed_and_boxes_in_an_empty_claro_open_one_lot_per_container_kind_in_a_bin_of_that_kind()
    {
        var sim = new LedgerSimulator(31);
        sim.Configure(Config(42));

        var status = sim.PhotoCount(Claro, Guid.NewGuid(), At, 170, [new(StorageBinCategory.Segment, 150), new(StorageBinCategory.Box, 20)]);

        Assert.Equal(PhotoCountStatus.Booked, status);
        Assert.Equal(new Dictionary<StorageBinCategory, int> { [StorageBinCategory.Segment] = 150, [StorageBinCategory.Box] = 20 }, ByCategory(sim));
        var claro = sim.Claro(Claro);
        Assert.Equal([StorageBinCategory.Segment, StorageBinCategory.Box], claro.Bins.Values.Select(b => b.Category).Order());
        var codes = claro.OpenBatches.Select(b => b.Identity.Code).ToList();
        Assert.Equal(2, codes.Distinct().Count());
        Assert.All(sim.Batches.Values, b => Assert.Equal(42, b.Identity!.Key.ProductId));
    }

    [Fact]
    public void Each_kind_is_counted_against_its_own_lot_as_of_the_capture_time()
    {
        var sim = new LedgerSimulator(32);
        sim.Configure(Config(42));
        sim.BookByKey(ByKey(MovementType.ManualInit, 100) with { At = At });

        // The bed now holds 90 (10 gone) and a crate of 20 appeared beside it.
        var status = sim.PhotoCount(Claro, Guid.NewGuid(), At.AddHours(1), 110, [new(StorageBinCategory.Segment, 90), new(StorageBinCategory.Box, 20)]);

        Assert.Equal(PhotoCountStatus.Booked, status);
        Assert.Equal(new Dictionary<StorageBinCategory, int> { [StorageBinCategory.Segment] = 90, [StorageBinCategory.Box] = 20 }, ByCategory(sim));
        Assert.Equal(-10, sim.Movements.Single(m => m.Type == MovementType.Ventas).SignedQuantity);
    }

    [Fact]
    public void A_single_kind_books_the_whole_count_as_before_and_opens_its_lot_in_a_bin_of_that_kind()
    {
        var sim = new LedgerSimulator(33);

        sim.PhotoCount(Claro, Guid.NewGuid(), At, 30, [new(StorageBinCategory.Plug, 30)]);

        var bin = Assert.Single(sim.Claro(Claro).Bins.Values);
        Assert.Equal((StorageBinCategory.Plug, 30), (bin.Category, Assert.Single(sim.Batches.Values).Quantity));
    }

    [Theory]
    [InlineData(100, 60, 30)]
    [InlineData(100, 120, -20)]
    public void Counts_per_kind_that_do_not_add_up_to_the_photos_count_are_refused_and_book_nothing(int counted, int segment, int box)
    {
        var state = StorageLocationState.Empty(Claro);

        var decision = StorageLocationDecider.Decide(
            state, new BookPhotoCount(Claro, Guid.NewGuid(), At, counted, "u", At, [new(StorageBinCategory.Segment, segment), new(StorageBinCategory.Box, box)]));

        Assert.Equal(StockRejections.InvalidQuantity, decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_same_kind_twice_is_refused()
    {
        var decision = StorageLocationDecider.Decide(
            StorageLocationState.Empty(Claro),
            new BookPhotoCount(Claro, Guid.NewGuid(), At, 20, "u", At, [new(StorageBinCategory.Box, 10), new(StorageBinCategory.Box, 10)]));

        Assert.Equal(StockRejections.InvalidQuantity, decision.Rejection?.Code);
    }
}
