using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Domain.Tests.Stock;

public sealed class StockBatchDeciderTests
{
    private const int Claro = 15;
    private const int OtherClaro = 16;
    private const int Product = 42;

    private static readonly Guid Batch = Guid.Parse("5d7c1f0e-8a4b-4c2d-9e6f-0a1b2c3d4e5f");
    private static readonly Guid InitMovement = Guid.Parse("00000000-0000-4000-8000-000000000001");
    private static readonly Guid Movement = Guid.Parse("00000000-0000-4000-8000-000000000002");
    private static readonly Guid OtherMovement = Guid.Parse("00000000-0000-4000-8000-000000000003");
    private static readonly Guid Session = Guid.Parse("00000000-0000-4000-8000-0000000000aa");
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = At.AddDays(3);

    private static StockBatchState Given(params IStockBatchEvent[] events) =>
        events.Aggregate(StockBatchState.Empty(Batch), StockBatchDecider.Evolve);

    private static IStockBatchEvent[] Created(int quantity) =>
    [
        new BatchCreated(Batch, Product, Claro, At),
        new MovementRecorded(Batch, InitMovement, MovementType.ManualInit, quantity, quantity, 0, null, null, At),
    ];

    private static StockBatchState CreatedWith(int quantity, params IStockBatchEvent[] then) => Given([.. Created(quantity), .. then]);

    private static Decision<IStockBatchEvent> When(StockBatchState state, IStockBatchCommand command) =>
        StockBatchDecider.Decide(state, command);

    private static RecordMovement Move(MovementType type, int quantity, Guid? movementId = null) =>
        new(Batch, movementId ?? Movement, type, quantity, Later);

    private static void AssertRejected(Decision<IStockBatchEvent> decision, string code)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.False(string.IsNullOrWhiteSpace(decision.Rejection.Reason));
        Assert.Empty(decision.Events);
    }

    private static void AssertAlreadyDone(Decision<IStockBatchEvent> decision)
    {
        Assert.True(decision.Accepted);
        Assert.Null(decision.Rejection);
        Assert.Empty(decision.Events);
    }

    // ---- create ----

    [Fact]
    public void Creating_a_batch_with_a_positive_quantity_opens_it_with_a_manual_init_movement()
    {
        var decision = When(Given(), new CreateBatch(Batch, Product, Claro, 120, InitMovement, At));

        Assert.True(decision.Accepted);
        IStockBatchEvent[] expected =
        [
            new BatchCreated(Batch, Product, Claro, At),
            new MovementRecorded(Batch, InitMovement, MovementType.ManualInit, 120, 120, 0, null, null, At),
        ];
        Assert.Equal(expected, decision.Events);
    }

    [Fact]
    public void A_created_batch_holds_its_baseline_as_initial_and_current_quantity()
    {
        var state = CreatedWith(120);

        Assert.True(state.Exists);
        Assert.Equal(Product, state.ProductId);
        Assert.Equal(Claro, state.StorageLocationId);
        Assert.Equal(120, state.QuantityInitial);
        Assert.Equal(120, state.Quantity);
        Assert.Equal(0, state.EmptyContainers);
        Assert.Contains(InitMovement, state.AppliedMovements);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Creating_a_batch_with_zero_or_negative_quantity_is_rejected_and_nothing_is_persisted(int quantity)
    {
        var decision = When(Given(), new CreateBatch(Batch, Product, Claro, quantity, InitMovement, At));

        AssertRejected(decision, StockRejections.InvalidQuantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Creating_a_batch_without_a_storage_location_is_rejected_and_nothing_is_persisted(int storageLocationId)
    {
        var decision = When(Given(), new CreateBatch(Batch, Product, storageLocationId, 10, InitMovement, At));

        Assert.False(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Creating_an_existing_batch_again_is_rejected_and_nothing_is_persisted()
    {
        var decision = When(CreatedWith(120), new CreateBatch(Batch, Product, Claro, 80, OtherMovement, Later));

        AssertRejected(decision, StockRejections.AlreadyExists);
    }

    [Fact]
    public void Retrying_a_create_with_the_same_movement_id_is_already_done()
    {
        var decision = When(CreatedWith(120), new CreateBatch(Batch, Product, Claro, 120, InitMovement, At));

        AssertAlreadyDone(decision);
    }

    [Fact]
    public void Retrying_a_create_after_stock_moved_is_still_already_done_and_changes_nothing()
    {
        var state = CreatedWith(120, new MovementRecorded(Batch, Movement, MovementType.Ventas, -120, 0, 0, null, null, Later));

        var decision = When(state, new CreateBatch(Batch, Product, Claro, 120, InitMovement, At));

        AssertAlreadyDone(decision);
    }

    [Fact]
    public void Creating_a_batch_that_a_photo_count_already_opened_is_rejected()
    {
        var state = Given(
            new BatchCreated(Batch, null, Claro, At),
            new MovementRecorded(Batch, Movement, MovementType.Foto, 30, 30, 0, Session, null, At));

        var decision = When(state, new CreateBatch(Batch, Product, Claro, 30, InitMovement, Later));

        AssertRejected(decision, StockRejections.AlreadyExists);
    }

    // ---- movements ----

    [Theory]
    [InlineData(MovementType.Plantar)]
    [InlineData(MovementType.Sembrar)]
    public void Inbound_movements_add_their_quantity(MovementType type)
    {
        var decision = When(CreatedWith(100), Move(type, 25));

        Assert.True(decision.Accepted);
        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new MovementRecorded(Batch, Movement, type, 25, 125, 0, null, null, Later), recorded);
    }

    [Fact]
    public void Death_removes_plants_and_adds_the_same_number_of_empty_containers()
    {
        var given = CreatedWith(100);

        var decision = When(given, Move(MovementType.Muerte, 30));

        Assert.True(decision.Accepted);
        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new MovementRecorded(Batch, Movement, MovementType.Muerte, -30, 70, 30, null, null, Later), recorded);
        var then = StockBatchDecider.Evolve(given, recorded);
        Assert.Equal(70, then.Quantity);
        Assert.Equal(30, then.EmptyContainers);
        Assert.Equal(given.Quantity + given.EmptyContainers, then.Quantity + then.EmptyContainers);
        Assert.Equal(100, then.QuantityInitial);
    }

    [Fact]
    public void Deaths_accumulate_empty_containers()
    {
        var given = CreatedWith(100, new MovementRecorded(Batch, OtherMovement, MovementType.Muerte, -10, 90, 10, null, null, At));

        var decision = When(given, Move(MovementType.Muerte, 5));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(85, recorded.QuantityAfter);
        Assert.Equal(15, recorded.EmptyContainersAfter);
    }

    [Fact]
    public void A_sale_removes_plants_and_leaves_empty_containers_alone()
    {
        var given = CreatedWith(100, new MovementRecorded(Batch, OtherMovement, MovementType.Muerte, -10, 90, 10, null, null, At));

        var decision = When(given, Move(MovementType.Ventas, 40));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new MovementRecorded(Batch, Movement, MovementType.Ventas, -40, 50, 10, null, null, Later), recorded);
    }

    [Fact]
    public void Death_beyond_current_stock_is_rejected_and_nothing_is_persisted()
    {
        var decision = When(CreatedWith(10), Move(MovementType.Muerte, 11));

        AssertRejected(decision, StockRejections.InsufficientStock);
    }

    [Fact]
    public void Sale_beyond_current_stock_is_rejected_and_nothing_is_persisted()
    {
        var decision = When(CreatedWith(10), Move(MovementType.Ventas, 11));

        AssertRejected(decision, StockRejections.InsufficientStock);
    }

    [Theory]
    [InlineData(MovementType.Muerte)]
    [InlineData(MovementType.Ventas)]
    public void Removing_exactly_the_current_stock_empties_the_batch_without_deleting_it(MovementType type)
    {
        var given = CreatedWith(10);

        var decision = When(given, Move(type, 10));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(0, recorded.QuantityAfter);
        var then = StockBatchDecider.Evolve(given, recorded);
        Assert.True(then.Exists);
        Assert.Equal(0, then.Quantity);
    }

    [Theory]
    [InlineData(MovementType.Muerte)]
    [InlineData(MovementType.Ventas)]
    public void Any_outbound_movement_on_an_emptied_batch_is_rejected(MovementType type)
    {
        var given = CreatedWith(10, new MovementRecorded(Batch, OtherMovement, MovementType.Ventas, -10, 0, 0, null, null, At));

        AssertRejected(When(given, Move(type, 1)), StockRejections.InsufficientStock);
    }

    [Theory]
    [InlineData(MovementType.Plantar, 0)]
    [InlineData(MovementType.Plantar, -5)]
    [InlineData(MovementType.Sembrar, 0)]
    [InlineData(MovementType.Sembrar, -5)]
    [InlineData(MovementType.Muerte, 0)]
    [InlineData(MovementType.Muerte, -5)]
    [InlineData(MovementType.Ventas, 0)]
    [InlineData(MovementType.Ventas, -5)]
    public void Typed_movements_need_a_positive_magnitude_because_the_type_gives_the_sign(MovementType type, int quantity)
    {
        AssertRejected(When(CreatedWith(100), Move(type, quantity)), StockRejections.InvalidQuantity);
    }

    [Theory]
    [InlineData(7, 107)]
    [InlineData(-4, 96)]
    [InlineData(-100, 0)]
    public void An_adjustment_applies_its_signed_quantity(int signed, int expectedAfter)
    {
        var decision = When(CreatedWith(100), Move(MovementType.Ajuste, signed) with { Reason = "recount" });

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new MovementRecorded(Batch, Movement, MovementType.Ajuste, signed, expectedAfter, 0, null, "recount", Later), recorded);
    }

    [Fact]
    public void An_adjustment_leaves_empty_containers_alone()
    {
        var given = CreatedWith(100, new MovementRecorded(Batch, OtherMovement, MovementType.Muerte, -10, 90, 10, null, null, At));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(When(given, Move(MovementType.Ajuste, -5)).Events));

        Assert.Equal(10, recorded.EmptyContainersAfter);
    }

    [Fact]
    public void A_zero_adjustment_is_rejected_and_nothing_is_persisted()
    {
        AssertRejected(When(CreatedWith(100), Move(MovementType.Ajuste, 0)), StockRejections.InvalidQuantity);
    }

    [Fact]
    public void An_adjustment_below_zero_is_rejected_as_insufficient_stock_never_clamped()
    {
        AssertRejected(When(CreatedWith(100), Move(MovementType.Ajuste, -101)), StockRejections.InsufficientStock);
    }

    [Theory]
    [InlineData(MovementType.Transplante, 5)]
    [InlineData(MovementType.Transplante, -5)]
    [InlineData(MovementType.Foto, 5)]
    [InlineData(MovementType.ManualInit, 5)]
    public void Movement_types_booked_by_their_own_workflow_are_rejected_as_unsupported(MovementType type, int quantity)
    {
        AssertRejected(When(CreatedWith(100), Move(type, quantity)), StockRejections.UnsupportedMovement);
    }

    [Fact]
    public void A_movement_on_a_batch_that_does_not_exist_is_rejected_as_not_found()
    {
        AssertRejected(When(Given(), Move(MovementType.Plantar, 5)), StockRejections.NotFound);
    }

    [Fact]
    public void The_reason_travels_with_the_movement()
    {
        var decision = When(CreatedWith(100), Move(MovementType.Muerte, 3) with { Reason = "hongos" });

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal("hongos", recorded.Reason);
    }

    [Fact]
    public void Movements_leave_the_initial_quantity_alone()
    {
        var state = CreatedWith(
            100,
            new MovementRecorded(Batch, Movement, MovementType.Plantar, 50, 150, 0, null, null, At),
            new MovementRecorded(Batch, OtherMovement, MovementType.Muerte, -20, 130, 20, null, null, At));

        Assert.Equal(100, state.QuantityInitial);
        Assert.Equal(130, state.Quantity);
        Assert.Equal(20, state.EmptyContainers);
    }

    // ---- idempotency ----

    [Theory]
    [InlineData(MovementType.Plantar, 5)]
    [InlineData(MovementType.Muerte, 5)]
    [InlineData(MovementType.Ventas, 5)]
    [InlineData(MovementType.Ajuste, -5)]
    public void Recording_the_same_movement_id_twice_persists_nothing_the_second_time(MovementType type, int quantity)
    {
        var given = CreatedWith(100);
        var first = When(given, Move(type, quantity));
        var afterFirst = first.Events.Aggregate(given, StockBatchDecider.Evolve);

        var second = When(afterFirst, Move(type, quantity));

        Assert.Single(first.Events);
        AssertAlreadyDone(second);
    }

    [Fact]
    public void A_retried_death_is_already_done_even_though_the_stock_is_now_gone()
    {
        var given = CreatedWith(10, new MovementRecorded(Batch, Movement, MovementType.Muerte, -10, 0, 10, null, null, Later));

        AssertAlreadyDone(When(given, Move(MovementType.Muerte, 10)));
    }

    [Fact]
    public void A_movement_reusing_the_create_movement_id_is_already_done()
    {
        AssertAlreadyDone(When(CreatedWith(100), Move(MovementType.Plantar, 5, InitMovement)));
    }

    [Fact]
    public void Reading_a_batch_persists_nothing()
    {
        AssertAlreadyDone(When(CreatedWith(100), new GetBatch(Batch)));
        AssertAlreadyDone(When(Given(), new GetBatch(Batch)));
    }

    // ---- photo counts ----

    [Fact]
    public void A_photo_count_for_a_missing_batch_creates_it_with_a_foto_movement_for_the_count()
    {
        var decision = When(Given(), new RecordPhotoCount(Batch, Movement, Session, Claro, 340, At));

        Assert.True(decision.Accepted);
        IStockBatchEvent[] expected =
        [
            new BatchCreated(Batch, null, Claro, At),
            new MovementRecorded(Batch, Movement, MovementType.Foto, 340, 340, 0, Session, null, At),
        ];
        Assert.Equal(expected, decision.Events);
        var then = decision.Events.Aggregate(Given(), StockBatchDecider.Evolve);
        Assert.Equal(340, then.QuantityInitial);
        Assert.Equal(340, then.Quantity);
        Assert.Equal(Claro, then.StorageLocationId);
    }

    [Fact]
    public void A_photo_count_of_zero_for_a_missing_batch_creates_it_and_confirms_the_count()
    {
        var decision = When(Given(), new RecordPhotoCount(Batch, Movement, Session, Claro, 0, At));

        IStockBatchEvent[] expected =
        [
            new BatchCreated(Batch, null, Claro, At),
            new PhotoCountConfirmed(Batch, Movement, Session, 0, At),
        ];
        Assert.Equal(expected, decision.Events);
        var then = decision.Events.Aggregate(Given(), StockBatchDecider.Evolve);
        Assert.True(then.Exists);
        Assert.Equal(0, then.Quantity);
        Assert.Contains(Movement, then.AppliedMovements);
    }

    [Fact]
    public void A_photo_count_above_the_ledger_books_a_foto_movement_for_the_difference()
    {
        var given = CreatedWith(100, new MovementRecorded(Batch, OtherMovement, MovementType.Muerte, -10, 90, 10, null, null, At));

        var decision = When(given, new RecordPhotoCount(Batch, Movement, Session, Claro, 130, Later));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(new MovementRecorded(Batch, Movement, MovementType.Foto, 40, 130, 10, Session, null, Later), recorded);
    }

    [Fact]
    public void A_photo_count_below_the_ledger_sets_the_quantity_to_the_count()
    {
        var given = CreatedWith(100);

        var decision = When(given, new RecordPhotoCount(Batch, Movement, Session, Claro, 70, Later));

        var recorded = Assert.IsType<MovementRecorded>(Assert.Single(decision.Events));
        Assert.Equal(-30, recorded.SignedQuantity);
        Assert.Equal(70, recorded.QuantityAfter);
        Assert.Equal(Session, recorded.SessionId);
        var then = StockBatchDecider.Evolve(given, recorded);
        Assert.Equal(70, then.Quantity);
        Assert.Equal(100, then.QuantityInitial);
    }

    [Fact]
    public void A_photo_count_equal_to_the_ledger_is_confirmed_without_a_movement()
    {
        var given = CreatedWith(100);

        var decision = When(given, new RecordPhotoCount(Batch, Movement, Session, Claro, 100, Later));

        IStockBatchEvent[] expected = [new PhotoCountConfirmed(Batch, Movement, Session, 100, Later)];
        Assert.Equal(expected, decision.Events);
        var then = StockBatchDecider.Evolve(given, decision.Events[0]);
        Assert.Equal(100, then.Quantity);
        Assert.Equal(100, then.QuantityInitial);
        Assert.Contains(Movement, then.AppliedMovements);
    }

    [Fact]
    public void A_photo_count_for_another_claros_batch_is_rejected_and_nothing_is_persisted()
    {
        var decision = When(CreatedWith(100), new RecordPhotoCount(Batch, Movement, Session, OtherClaro, 100, Later));

        AssertRejected(decision, StockRejections.LocationMismatch);
    }

    [Fact]
    public void A_negative_photo_count_is_rejected_and_nothing_is_persisted()
    {
        AssertRejected(When(Given(), new RecordPhotoCount(Batch, Movement, Session, Claro, -1, At)), StockRejections.InvalidQuantity);
        AssertRejected(When(CreatedWith(100), new RecordPhotoCount(Batch, Movement, Session, Claro, -1, At)), StockRejections.InvalidQuantity);
    }

    [Theory]
    [InlineData(130)]
    [InlineData(100)]
    [InlineData(0)]
    public void Retrying_a_photo_count_with_the_same_movement_id_is_already_done(int counted)
    {
        var given = CreatedWith(100);
        var first = When(given, new RecordPhotoCount(Batch, Movement, Session, Claro, counted, Later));
        var afterFirst = first.Events.Aggregate(given, StockBatchDecider.Evolve);

        var retry = When(afterFirst, new RecordPhotoCount(Batch, Movement, Session, Claro, counted + 7, Later.AddMinutes(1)));

        Assert.Single(first.Events);
        AssertAlreadyDone(retry);
    }

    [Fact]
    public void Retrying_a_photo_count_that_created_the_batch_is_already_done()
    {
        var first = When(Given(), new RecordPhotoCount(Batch, Movement, Session, Claro, 50, At));
        var afterFirst = first.Events.Aggregate(Given(), StockBatchDecider.Evolve);

        AssertAlreadyDone(When(afterFirst, new RecordPhotoCount(Batch, Movement, Session, Claro, 50, At)));
    }

    [Fact]
    public void A_photo_count_for_a_missing_batch_without_a_storage_location_is_rejected()
    {
        var decision = When(Given(), new RecordPhotoCount(Batch, Movement, Session, 0, 50, At));

        Assert.False(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_inbound_movement_that_would_overflow_the_quantity_is_not_reported_as_insufficient_stock()
    {
        var decision = When(CreatedWith(int.MaxValue), Move(MovementType.Plantar, 1));

        Assert.False(decision.Accepted);
        Assert.Empty(decision.Events);
        Assert.NotEqual(StockRejections.InsufficientStock, decision.Rejection!.Code);
    }
}
