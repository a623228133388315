using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

public sealed class StoragePlaceTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static LayoutState Imported() =>
        LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(RealNurseryData.Layout, At)).Events.Aggregate(LayoutState.Empty, LayoutDecider.Evolve);

    [Fact]
    public void Places_get_ids_from_their_own_range_and_a_label_already_known_keeps_its_id()
    {
        var layout = Imported();
        var first = LayoutDecider.Decide(layout, new RegisterStoragePlaces(["M6c1sur", "M6c1sur ", "Túnel A/B"], At));
        var state = first.Events.Aggregate(layout, LayoutDecider.Evolve);

        Assert.Equal(2, first.Events.Count);
        Assert.Equal(StoragePlace.FirstId, LayoutDecider.StorageLocationFor(state, "m6c1SUR"));
        Assert.Equal(StoragePlace.FirstId + 1, LayoutDecider.StorageLocationFor(state, "Túnel A/B"));
        Assert.Equal("TUNELAB", state.Places[StoragePlace.FirstId + 1].Code);
        Assert.Empty(LayoutDecider.Decide(state, new RegisterStoragePlaces(["M6c1sur"], At)).Events);
        Assert.True(state.HoldsStock(StoragePlace.FirstId));
    }

    [Fact]
    public void A_label_that_is_a_claro_code_is_that_claro()
    {
        var layout = Imported();
        var claro = layout.StorageLocations.Values.First();

        Assert.Empty(LayoutDecider.Decide(layout, new RegisterStoragePlaces([claro.Code], At)).Events);
        Assert.Equal(claro.Id, LayoutDecider.StorageLocationFor(layout, claro.Code));
    }

    [Fact]
    public void A_layout_file_may_not_use_the_place_range()
    {
        var doc = RealNurseryData.Layout;
        var moved = doc with { StorageLocations = [doc.StorageLocations[0] with { Id = StoragePlace.FirstId + 5 }, .. doc.StorageLocations.Skip(1)] };

        var decision = LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(moved, At));

        Assert.False(decision.Accepted);
        Assert.Contains("range", decision.Rejection!.Reason);
    }
}
