using Demeter.Domain.Layout;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Tests.Layout;

public sealed class LayoutDeciderTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = At.AddDays(30);

    private static LayoutState Given(IEnumerable<ILayoutEvent> events) => events.Aggregate(LayoutState.Empty, LayoutDecider.Evolve);

    private static LayoutState Imported(LayoutDocument layout) =>
        Given(LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(layout, At)).Events);

    [Fact]
    public void Importing_into_an_empty_layout_registers_warehouses_then_areas_then_locations()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();

        var decision = LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(layout, At));

        Assert.True(decision.Accepted);
        ILayoutEvent[] expected =
        [
            .. layout.Warehouses.Select(w => new WarehouseRegistered(w, At)),
            .. layout.StorageAreas.Select(a => new StorageAreaRegistered(a, At)),
            .. layout.StorageLocations.Select(l => new StorageLocationRegistered(l, At)),
        ];
        Assert.Equal(expected, decision.Events);
    }

    [Fact]
    public void Importing_the_real_files_registers_every_entry_in_hierarchy_order()
    {
        var decision = LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(RealNurseryData.Layout, At));

        Assert.True(decision.Accepted);
        Assert.Equal(28 + 56 + 1290, decision.Events.Count);
        var levels = decision.Events.Select(e => e switch { WarehouseRegistered => 0, StorageAreaRegistered => 1, _ => 2 }).ToList();
        Assert.Equal(levels.Order(), levels);
    }

    [Fact]
    public void Re_importing_the_same_files_is_already_done()
    {
        var state = Imported(RealNurseryData.Layout);
        var parsedAgain = RealNurseryData.Parse().Document!;

        var decision = LayoutDecider.Decide(state, new ImportLayout(parsedAgain, Later));

        Assert.Equal(Decision<ILayoutEvent>.AlreadyDone().Events, decision.Events);
        Assert.True(decision.Accepted);
    }

    [Fact]
    public void A_changed_claro_alone_is_re_registered_and_replaces_the_old_one()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var state = Imported(layout);
        var moved = layout.StorageLocations[2] with { Polygon = SyntheticLayoutFiles.RectangleRing(0, 0, 9, 5) };
        var changed = layout with { StorageLocations = layout.StorageLocations.Select(l => l.Id == moved.Id ? moved : l).ToArray() };

        var decision = LayoutDecider.Decide(state, new ImportLayout(changed, Later));

        Assert.Equal([new StorageLocationRegistered(moved, Later)], decision.Events);
        Assert.Equal(45, LayoutDecider.Evolve(state, decision.Events[0]).StorageLocations[moved.Id].AreaM2, 3);
    }

    [Fact]
    public void A_renamed_warehouse_alone_is_re_registered()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var state = Imported(layout);
        var renamed = layout.Warehouses[1] with { Name = "Nave Dos" };

        var decision = LayoutDecider.Decide(state, new ImportLayout(layout with { Warehouses = [layout.Warehouses[0], renamed] }, Later));

        Assert.Equal([new WarehouseRegistered(renamed, Later)], decision.Events);
    }

    [Fact]
    public void Entries_missing_from_a_re_import_stay_registered()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var state = Imported(layout);
        var partial = layout with { StorageLocations = layout.StorageLocations.Take(3).ToArray() };

        var decision = LayoutDecider.Decide(state, new ImportLayout(partial, Later));

        Assert.Empty(decision.Events);
        Assert.True(decision.Accepted);
    }

    [Fact]
    public void Evolving_all_events_reproduces_the_imported_document()
    {
        var state = Imported(RealNurseryData.Layout);

        Assert.Equal(RealNurseryData.Layout, state.ToDocument());
    }

    [Fact]
    public void A_claro_may_move_to_another_cantero_of_the_same_nave()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var state = Imported(layout);
        var claro = layout.StorageLocations[0];
        var moved = claro with { StorageAreaId = 12, Code = "NAVE1-CANTEROSUR-CLARO9" };

        var decision = LayoutDecider.Decide(state, new ImportLayout(layout with { StorageLocations = [moved] }, Later));

        Assert.Equal([new StorageLocationRegistered(moved, Later)], decision.Events);
    }

    [Fact]
    public void An_area_moved_to_another_warehouse_without_its_locations_is_rejected()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var state = Imported(layout);
        var area = layout.StorageAreas[0] with { WarehouseId = 2, Code = "NAVE2-CANTEROOESTE" };

        var decision = LayoutDecider.Decide(state, new ImportLayout(layout with { StorageAreas = [area] }, Later));

        Assert.Empty(decision.Events);
        Assert.Equal("layout.parent-mismatch", decision.Rejection?.Code);
        Assert.StartsWith("storage location 111 says warehouse 1 but its storage area 11 is in warehouse 2", decision.Rejection!.Reason);
    }

    [Fact]
    public void A_location_in_an_unknown_area_is_rejected()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var orphan = layout.StorageLocations[0] with { Id = 999, StorageAreaId = 77, Code = "X-Y-Z" };

        var decision = LayoutDecider.Decide(Imported(layout), new ImportLayout(layout with { StorageLocations = [orphan] }, Later));

        Assert.Empty(decision.Events);
        Assert.Equal(new Rejection("layout.unknown-parent", "storage location 999 refers to unknown storage area 77"), decision.Rejection);
    }

    [Fact]
    public void A_document_repeating_an_id_is_rejected()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var twice = layout with { Warehouses = [layout.Warehouses[0], layout.Warehouses[0] with { Name = "Otra" }] };

        var decision = LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(twice, At));

        Assert.Equal(new Rejection("layout.duplicate-id", "warehouse 1 appears 2 times"), decision.Rejection);
    }

    [Fact]
    public void A_second_warehouse_with_an_existing_code_is_rejected()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var copy = layout.Warehouses[0] with { Id = 3 };

        var decision = LayoutDecider.Decide(Imported(layout), new ImportLayout(layout with { Warehouses = [copy] }, Later));

        Assert.Equal(new Rejection("layout.duplicate-code", "warehouse code NAVE1 appears 2 times"), decision.Rejection);
    }

    [Fact]
    public void A_rejection_lists_five_problems_and_counts_the_rest()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();

        var decision = LayoutDecider.Decide(LayoutState.Empty, new ImportLayout(layout with { StorageAreas = [] }, At));

        Assert.Equal("layout.unknown-parent", decision.Rejection?.Code);
        Assert.EndsWith("; and 3 more", decision.Rejection!.Reason);
    }
}
