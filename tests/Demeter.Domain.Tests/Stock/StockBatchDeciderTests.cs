using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Domain.Tests.Stock;

public sealed class StockBatchDeciderTests
{
    internal static readonly Guid Batch = Guid.Parse("5d7c1f0e-8a4b-4c2d-9e6f-0a1b2c3d4e5f");
    internal static readonly Guid Bin = Guid.Parse("b1b1b1b1-0000-4000-8000-000000000001");
    internal static readonly BatchIdentity Identity = new(new BatchKey(15, Bin, 42, null, 5, null, 7), "LOC15-PROD42-20250301-001");
    internal static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly MovementDetails Manual = MovementDetails.Manual();

    internal static StockBatchState Given(params IStockBatchEvent[] events) => events.Aggregate(StockBatchState.Empty(Batch), StockBatchDecider.Evolve);

    internal static StockBatchState Then(StockBatchState state, Decision<IStockBatchEvent> decision)
    {
        Assert.True(decision.Accepted, decision.Rejection?.Reason);
        return decision.Events.Aggregate(state, StockBatchDecider.Evolve);
    }

    /// <summary>A batch opened by a manual init of <paramref name="quantity"/> at <see cref="At"/>.</summary>
    internal static StockBatchState Initialised(int quantity) =>
        Then(Given(), StockBatchDecider.Decide(Given(), Init(quantity)));

    internal static RecordMovement Init(int quantity, Guid? id = null) =>
        new(Batch, id ?? Guid.NewGuid(), MovementType.ManualInit, quantity, At, Manual, Identity);

    internal static RecordMovement Move(MovementType type, int quantity, DateTimeOffset at, Guid? id = null, string? reason = null, decimal? price = null) =>
        new(Batch, id ?? Guid.NewGuid(), type, quantity, at, Manual with { Reason = reason, UnitPrice = price });

    private static void AssertRejected(Decision<IStockBatchEvent> decision, string code)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Reason));
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_manual_init_opens_the_batch_with_its_identity_and_is_its_verified_baseline()
    {
        var decision = StockBatchDecider.Decide(Given(), Init(100));

        Assert.IsType<BatchOpened>(decision.Events[0]);
        var recorded = Assert.IsType<MovementRecorded>(decision.Events[1]);
        Assert.Equal((MovementType.ManualInit, 100, 100), (recorded.Type, recorded.SignedQuantity, recorded.QuantityAfter));
        var state = Then(Given(), decision);
        Assert.Equal((100, 100, BatchStatus.Active), (state.Quantity, state.QuantityInitial, state.Status));
        Assert.Equal(At, state.VerifiedAt);
        Assert.Equal(Identity, state.Identity);
    }

    [Fact]
    public void A_movement_by_id_never_creates_a_batch()
    {
        AssertRejected(StockBatchDecider.Decide(Given(), Move(MovementType.Plantar, 5, At)), StockRejections.BatchNotFound);
    }

    [Theory]
    [InlineData(MovementType.Plantar, 10, 110)]
    [InlineData(MovementType.Sembrar, 10, 110)]
    [InlineData(MovementType.Muerte, 10, 90)]
    [InlineData(MovementType.Ventas, 10, 90)]
    public void Typed_movements_take_a_positive_quantity_and_the_type_gives_the_sign(MovementType type, int quantity, int after)
    {
        var state = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(type, quantity, At.AddHours(1))));

        Assert.Equal(after, state.Quantity);
    }

    [Theory]
    [InlineData(MovementType.Plantar, 0)]
    [InlineData(MovementType.Muerte, -3)]
    [InlineData(MovementType.Ajuste, 0)]
    public void A_zero_or_negative_typed_quantity_is_an_invalid_quantity(MovementType type, int quantity)
    {
        AssertRejected(StockBatchDecider.Decide(Initialised(100), Move(type, quantity, At.AddHours(1), reason: "r")), StockRejections.InvalidQuantity);
    }

    [Fact]
    public void A_death_raises_the_empty_containers_by_the_same_count()
    {
        var state = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Muerte, 7, At.AddHours(1))));

        Assert.Equal((93, 7), (state.Quantity, state.EmptyContainers));
        Assert.Equal(100, state.Quantity + state.EmptyContainers);
    }

    [Fact]
    public void Outbound_beyond_stock_is_rejected_with_what_is_available_and_persists_nothing()
    {
        var decision = StockBatchDecider.Decide(Initialised(100), Move(MovementType.Ventas, 101, At.AddHours(1)));

        AssertRejected(decision, StockRejections.InsufficientStock);
        Assert.Equal(100, decision.Rejection!.Available);
    }

    [Fact]
    public void An_ajuste_is_signed_and_needs_a_reason()
    {
        var state = Initialised(100);
        AssertRejected(StockBatchDecider.Decide(state, Move(MovementType.Ajuste, -5, At.AddHours(1))), StockRejections.ReasonRequired);
        AssertRejected(StockBatchDecider.Decide(state, Move(MovementType.Ajuste, -5, At.AddHours(1), reason: "   ")), StockRejections.ReasonRequired);

        var down = Then(state, StockBatchDecider.Decide(state, Move(MovementType.Ajuste, -5, At.AddHours(1), reason: "recount")));
        var up = Then(down, StockBatchDecider.Decide(down, Move(MovementType.Ajuste, 12, At.AddHours(2), reason: "found a tray")));

        Assert.Equal((95, 107), (down.Quantity, up.Quantity));
        AssertRejected(StockBatchDecider.Decide(up, Move(MovementType.Ajuste, -108, At.AddHours(3), reason: "x")), StockRejections.InsufficientStock);
    }

    [Theory]
    [InlineData(MovementType.Foto)]
    [InlineData(MovementType.Transplante)]
    public void Foto_and_transplante_are_booked_by_their_own_workflows(MovementType type)
    {
        AssertRejected(StockBatchDecider.Decide(Initialised(100), Move(type, 5, At.AddHours(1))), StockRejections.UnsupportedMovement);
    }

    [Fact]
    public void A_sale_carries_its_price_and_total_and_no_other_movement_may()
    {
        var decision = StockBatchDecider.Decide(Initialised(100), Move(MovementType.Ventas, 4, At.AddHours(1), price: 1050m));

        var sale = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(4200m, sale.TotalPrice);
        AssertRejected(StockBatchDecider.Decide(Initialised(100), Move(MovementType.Plantar, 4, At.AddHours(1), price: 10m)), StockRejections.InvalidPrice);
        AssertRejected(StockBatchDecider.Decide(Initialised(100), Move(MovementType.Ventas, 4, At.AddHours(1), price: -1m)), StockRejections.InvalidPrice);
    }

    [Fact]
    public void A_retried_movement_is_applied_once_and_gets_the_original_outcome()
    {
        var id = Guid.NewGuid();
        var first = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Muerte, 3, At.AddHours(1), id)));
        var later = Then(first, StockBatchDecider.Decide(first, Move(MovementType.Plantar, 50, At.AddHours(2))));

        var retry = StockBatchDecider.Decide(later, Move(MovementType.Muerte, 3, At.AddHours(5), id));

        Assert.True(retry.Accepted);
        Assert.Empty(retry.Events);
        Assert.Equal(97, later.Applied[id].QuantityAfter);
    }

    [Fact]
    public void The_same_movement_id_with_other_content_is_refused_as_a_reused_key()
    {
        var id = Guid.NewGuid();
        var state = Then(Initialised(100), StockBatchDecider.Decide(Initialised(100), Move(MovementType.Muerte, 3, At.AddHours(1), id)));

        AssertRejected(StockBatchDecider.Decide(state, Move(MovementType.Muerte, 4, At.AddHours(1), id)), StockRejections.IdempotencyKeyReused);
        AssertRejected(StockBatchDecider.Decide(state, Move(MovementType.Ventas, 3, At.AddHours(1), id)), StockRejections.IdempotencyKeyReused);
    }

    [Fact]
    public void The_empty_uuid_is_not_a_movement_id()
    {
        AssertRejected(StockBatchDecider.Decide(Initialised(100), Move(MovementType.Plantar, 1, At, Guid.Empty)), StockRejections.InvalidId);
    }

    [Fact]
    public void Quantities_and_empty_containers_never_overflow()
    {
        var full = Initialised(int.MaxValue);
        AssertRejected(StockBatchDecider.Decide(full, Move(MovementType.Plantar, 1, At.AddHours(1))), StockRejections.QuantityOverflow);

        // The hostile sequence: all die, all replanted, then one more death would wrap the empty count.
        var dead = Then(full, StockBatchDecider.Decide(full, Move(MovementType.Muerte, int.MaxValue, At.AddHours(1))));
        var replanted = Then(dead, StockBatchDecider.Decide(dead, Move(MovementType.Plantar, int.MaxValue, At.AddHours(2))));
        AssertRejected(StockBatchDecider.Decide(replanted, Move(MovementType.Muerte, 1, At.AddHours(3))), StockRejections.QuantityOverflow);
        Assert.Equal(int.MaxValue, replanted.EmptyContainers);
    }

    [Fact]
    public void A_manual_init_of_a_batch_that_holds_plants_is_refused_but_a_depleted_one_may_be_counted_again()
    {
        var state = Initialised(100);
        var again = StockBatchDecider.Decide(state, Init(100));
        AssertRejected(again, StockRejections.AlreadyInitialized);
        Assert.Equal(100, again.Rejection!.Available);

        var sold = Then(state, StockBatchDecider.Decide(state, Move(MovementType.Ventas, 100, At.AddHours(1))));
        Assert.Equal(BatchStatus.Depleted, sold.Status);
        var recounted = Then(sold, StockBatchDecider.Decide(sold, Init(30) with { At = At.AddHours(2) }));
        Assert.Equal((30, BatchStatus.Active), (recounted.Quantity, recounted.Status));
    }

    [Fact]
    public void A_depleted_batch_archives_and_then_takes_no_movement_while_one_with_plants_does_not_archive()
    {
        var state = Initialised(10);
        var refused = StockBatchDecider.Decide(state, new ArchiveBatch(Batch, At.AddHours(1), "u"));
        AssertRejected(refused, StockRejections.BatchNotEmpty);

        var empty = Then(state, StockBatchDecider.Decide(state, Move(MovementType.Muerte, 10, At.AddHours(1))));
        var archived = Then(empty, StockBatchDecider.Decide(empty, new ArchiveBatch(Batch, At.AddHours(2), "u")));

        Assert.Equal(BatchStatus.Archived, archived.Status);
        AssertRejected(StockBatchDecider.Decide(archived, Move(MovementType.Plantar, 1, At.AddHours(3))), StockRejections.BatchIsArchived);
    }

    [Fact]
    public void Reason_and_notes_are_bounded()
    {
        var longReason = new string('r', MovementDetails.MaxReasonLength + 1);

        AssertRejected(StockBatchDecider.Decide(Initialised(10), Move(MovementType.Ajuste, 1, At.AddHours(1), reason: longReason)), StockRejections.TextTooLong);
    }

    [Fact]
    public void A_movement_dated_before_the_latest_count_takes_effect_at_the_count()
    {
        var state = Initialised(100);

        var decision = StockBatchDecider.Decide(state, Move(MovementType.Plantar, 5, At.AddDays(-10)));

        Assert.Equal(At, Assert.IsType<MovementRecorded>(Assert.Single(decision.Events)).At);
    }

    [Fact]
    public void An_open_identity_for_another_lot_is_refused()
    {
        var other = new BatchIdentity(Identity.Key with { ProductId = 43 }, "LOC15-PROD43-20250301-001");

        AssertRejected(StockBatchDecider.Decide(Initialised(10), Move(MovementType.Plantar, 1, At) with { Open = other }), StockRejections.BatchKeyMismatch);
    }
}
