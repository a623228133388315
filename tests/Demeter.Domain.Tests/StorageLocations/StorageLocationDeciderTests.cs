using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Tests.StorageLocations;

public sealed class StorageLocationDeciderTests
{
    internal const int Claro = 1291;
    internal static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    internal static StorageLocationState Then(StorageLocationState state, Decision<IStorageLocationEvent> decision)
    {
        Assert.True(decision.Accepted, decision.Rejection?.Reason);
        return decision.Events.Aggregate(state, StorageLocationDecider.Evolve);
    }

    internal static BookMovementByKey ByKey(MovementType type, int quantity, int product = 42, int? packaging = null, int? state = null, Guid? id = null) =>
        new(Claro, id ?? Guid.NewGuid(), type, quantity, At, new BatchKeyRequest(product, null, state, null, packaging), MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid());

    internal static SetStorageLocationConfig Config(int product, int? packaging = null, int? state = null, ConfigMode mode = ConfigMode.Create) =>
        new(Claro, Guid.NewGuid(), mode, product, packaging, state, null, null, "u", At);

    /// <summary>Books by key and applies the claro's events (the batch is not modelled here).</summary>
    internal static (StorageLocationState State, RecordMovement Routed) Book(StorageLocationState state, BookMovementByKey command)
    {
        var next = Then(state, StorageLocationDecider.Decide(state, command));
        var routed = StorageLocationDecider.RouteByKey(next, command)!;
        return (next, routed);
    }

    private static StorageLocationState Empty => StorageLocationState.Empty(Claro);

    private static void AssertRejected(Decision<IStorageLocationEvent> decision, string code)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_inbound_movement_by_key_creates_one_bin_and_one_batch_and_the_next_one_finds_them()
    {
        var (once, first) = Book(Empty, ByKey(MovementType.Plantar, 10));
        var (twice, second) = Book(once, ByKey(MovementType.Plantar, 5));

        Assert.Single(twice.Bins);
        Assert.Single(twice.Batches);
        Assert.Equal(first.BatchId, second.BatchId);
        Assert.Equal(first.Open, second.Open);
        Assert.Equal("LOC1291-PROD42-20260301-001", first.Open!.Code);
        Assert.Equal(StorageBinCategory.Segment, twice.Bins.Values.Single().Category);
    }

    [Fact]
    public void Another_product_or_state_is_another_lot_with_the_next_code()
    {
        var (state, first) = Book(Empty, ByKey(MovementType.Plantar, 10));
        var (_, other) = Book(state, ByKey(MovementType.Plantar, 10, state: 3));

        Assert.NotEqual(first.BatchId, other.BatchId);
        Assert.Equal("LOC1291-PROD42-20260301-002", other.Open!.Code);
    }

    [Fact]
    public void An_outbound_movement_by_key_finds_the_lot_and_never_creates_one()
    {
        AssertRejected(StorageLocationDecider.Decide(Empty, ByKey(MovementType.Muerte, 1)), StockRejections.BatchNotFound);

        var (state, planted) = Book(Empty, ByKey(MovementType.Plantar, 10));
        var death = ByKey(MovementType.Muerte, 1);
        Assert.Empty(StorageLocationDecider.Decide(state, death).Events);
        Assert.Equal(planted.BatchId, StorageLocationDecider.RouteByKey(state, death)!.BatchId);
    }

    [Fact]
    public void A_movement_id_spent_by_key_with_other_content_is_refused()
    {
        var id = Guid.NewGuid();
        var (state, routed) = Book(Empty, ByKey(MovementType.Plantar, 10, id: id));
        state = Then(state, StorageLocationDecider.Decide(state, new RecordMovementRouted(Claro, id, StorageLocationDecider.FingerprintOf(ByKey(MovementType.Plantar, 10, id: id)), routed.BatchId, MovementType.Plantar, At)));

        AssertRejected(StorageLocationDecider.Decide(state, ByKey(MovementType.Plantar, 10, product: 43, id: id)), StockRejections.IdempotencyKeyReused);
        Assert.Equal(routed.BatchId, StorageLocationDecider.RouteByKey(state, ByKey(MovementType.Plantar, 10, id: id))!.BatchId);
    }

    [Fact]
    public void A_malformed_movement_creates_nothing()
    {
        AssertRejected(StorageLocationDecider.Decide(Empty, ByKey(MovementType.Plantar, 0)), StockRejections.InvalidQuantity);
        AssertRejected(StorageLocationDecider.Decide(Empty, ByKey(MovementType.Plantar, 5, product: -1)), StockRejections.InvalidId);
        AssertRejected(StorageLocationDecider.Decide(Empty, ByKey(MovementType.Ajuste, 5)), StockRejections.ReasonRequired);
        AssertRejected(StorageLocationDecider.Decide(Empty, ByKey(MovementType.Plantar, 5) with { MovementId = Guid.Empty }), StockRejections.InvalidId);
    }

    [Fact]
    public void A_manual_init_must_match_the_configured_product_and_packaging_and_inherits_what_it_omits()
    {
        var configured = Then(Empty, StorageLocationDecider.Decide(Empty, Config(42, packaging: 8, state: 5)));

        AssertRejected(StorageLocationDecider.Decide(configured, ByKey(MovementType.ManualInit, 100, product: 43)), StorageLocationRejections.ProductMismatch);
        AssertRejected(StorageLocationDecider.Decide(configured, ByKey(MovementType.ManualInit, 100, packaging: 9)), StorageLocationRejections.PackagingMismatch);

        var (_, routed) = Book(configured, ByKey(MovementType.ManualInit, 100));
        Assert.Equal((8, 5), (routed.Open!.Key.PackagingId, routed.Open.Key.ProductStateId));
    }

    [Fact]
    public void A_claro_without_a_config_accepts_any_product()
    {
        var (state, _) = Book(Empty, ByKey(MovementType.ManualInit, 100, product: 1));
        var (after, _) = Book(state, ByKey(MovementType.ManualInit, 50, product: 2));

        Assert.Equal(2, after.Batches.Count);
    }

    [Fact]
    public void Create_starts_a_new_cycle_keeping_the_old_config_as_history_and_update_corrects_in_place()
    {
        var first = Then(Empty, StorageLocationDecider.Decide(Empty, Config(42, 8)));
        AssertRejected(StorageLocationDecider.Decide(first, Config(42, 8)), StorageLocationRejections.ConfigUnchanged);

        var second = Then(first, StorageLocationDecider.Decide(first, Config(77)));
        Assert.Equal(2, second.Configs.Count);
        Assert.Single(second.Configs, c => c.Active);
        Assert.Equal(77, second.ActiveConfig!.ProductId);
        Assert.NotNull(second.Configs[0].DeactivatedAt);

        var corrected = Then(second, StorageLocationDecider.Decide(second, Config(77, 9, mode: ConfigMode.Update)));
        Assert.Equal(2, corrected.Configs.Count);
        Assert.Equal(9, corrected.ActiveConfig!.PackagingId);
        Assert.Equal(second.ActiveConfig.ConfigId, corrected.ActiveConfig.ConfigId);
    }

    [Fact]
    public void Update_without_an_active_config_is_refused()
    {
        AssertRejected(StorageLocationDecider.Decide(Empty, Config(42, mode: ConfigMode.Update)), StorageLocationRejections.NoActiveConfig);
    }

    [Fact]
    public void Bins_register_with_their_type_and_capacity_and_a_retired_bin_stays_retired()
    {
        var binId = Guid.NewGuid();
        var state = Then(Empty, StorageLocationDecider.Decide(Empty, new RegisterStorageBin(Claro, binId, "PLUG_TRAY_288", "tray A", At)));
        var bin = state.Bins[binId];
        Assert.Equal((StorageBinCategory.Plug, 288, 18, 16), (bin.Category, bin.Capacity, bin.Rows, bin.Columns));
        Assert.Equal("LOC1291-PLUG-001", bin.Code);
        AssertRejected(StorageLocationDecider.Decide(Empty, new RegisterStorageBin(Claro, Guid.NewGuid(), "NO_SUCH", null, At)), StorageLocationRejections.UnknownBinType);

        var retired = Then(state, StorageLocationDecider.Decide(state, new ChangeStorageBinStatus(Claro, binId, StorageBinStatus.Retired, "broken", "u", At)));
        AssertRejected(StorageLocationDecider.Decide(retired, new ChangeStorageBinStatus(Claro, binId, StorageBinStatus.Active, null, "u", At)), StorageLocationRejections.BinRetired);
    }

    [Fact]
    public void Plants_go_only_into_an_active_bin()
    {
        var binId = Guid.NewGuid();
        var state = Then(Empty, StorageLocationDecider.Decide(Empty, new RegisterStorageBin(Claro, binId, "BOX_STANDARD", null, At)));
        state = Then(state, StorageLocationDecider.Decide(state, new ChangeStorageBinStatus(Claro, binId, StorageBinStatus.Maintenance, null, "u", At)));

        AssertRejected(
            StorageLocationDecider.Decide(state, ByKey(MovementType.Plantar, 1) with { Key = new BatchKeyRequest(42, null, null, null, null, binId) }),
            StorageLocationRejections.BinNotActive);

        // Without a named bin, a new active bin of the category is opened rather than the one in maintenance.
        var (after, routed) = Book(state, ByKey(MovementType.Plantar, 1) with { Key = new BatchKeyRequest(42, null, null, null, null, null, StorageBinCategory.Box) });
        Assert.NotEqual(binId, routed.Open!.Key.BinId);
        Assert.Equal(2, after.Bins.Count);
    }

    [Fact]
    public void An_archived_batch_no_longer_receives_its_key()
    {
        var (state, first) = Book(Empty, ByKey(MovementType.Plantar, 10));
        state = Then(state, StorageLocationDecider.Decide(state, new RecordBatchArchived(Claro, first.BatchId, At)));

        var (_, next) = Book(state, ByKey(MovementType.Plantar, 10));

        Assert.NotEqual(first.BatchId, next.BatchId);
    }

    [Fact]
    public void A_manual_init_routed_through_the_claro_is_its_latest_count()
    {
        var (state, routed) = Book(Empty, ByKey(MovementType.ManualInit, 100));
        state = Then(state, StorageLocationDecider.Decide(state, new RecordMovementRouted(Claro, routed.MovementId, 1, routed.BatchId, MovementType.ManualInit, At)));

        var older = StorageLocationDecider.Decide(state, new BookPhotoCount(Claro, Guid.NewGuid(), At.AddMinutes(-1), 80, "u", At));

        Assert.IsType<PhotoCountSuperseded>(Assert.Single(older.Events));
    }
}
