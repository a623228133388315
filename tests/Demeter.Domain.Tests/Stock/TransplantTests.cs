using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Support;
using static Demeter.Domain.Tests.StorageLocations.StorageLocationDeciderTests;

namespace Demeter.Domain.Tests.Stock;

public sealed class TransplantTests
{
    private const int Destination = 1300;

    private static (LedgerSimulator Sim, Guid Source) WithSource(int quantity, double dropRate = 0, int seed = 1)
    {
        var sim = new LedgerSimulator(seed, dropRate);
        sim.BookByKey(ByKey(MovementType.ManualInit, quantity) with { At = At });
        return (sim, sim.Batches.Keys.Single());
    }

    private static StartTransplant Start(LedgerSimulator sim, Guid from, int quantity, int to = Destination, int? state = null) => new(
        sim.NewId(), new TransplantRequest(from, to, quantity, null, state, null, null, null, null, "u", null),
        sim.NewId(), sim.NewId(), sim.NewId(), sim.NewId(), sim.NewId(), At.AddHours(1));

    private static long Total(LedgerSimulator sim) => sim.Batches.Values.Sum(b => (long)b.Quantity);

    [Fact]
    public void A_transplant_debits_the_source_and_credits_the_matching_lot_of_the_destination()
    {
        var (sim, source) = WithSource(100);

        var done = sim.Transplant(Start(sim, source, 30));

        Assert.Equal(TransplantStatus.Completed, done.Status);
        Assert.Equal(70, sim.Batch(source).Quantity);
        var target = sim.Batch(done.ToBatchId!.Value);
        Assert.Equal((30, Destination, 42), (target.Quantity, target.Identity!.Key.StorageLocationId, target.Identity.Key.ProductId!.Value));
        Assert.All(sim.Movements.Where(m => m.Type == MovementType.Transplante), m => Assert.Equal(done.TransplantId, m.Details.TransplantId));
    }

    [Fact]
    public void A_promotion_to_another_state_in_the_same_claro_is_a_transplant_into_another_lot()
    {
        var (sim, source) = WithSource(100);

        var done = sim.Transplant(Start(sim, source, 40, to: Claro, state: 9));

        Assert.Equal(TransplantStatus.Completed, done.Status);
        Assert.Equal(9, sim.Batch(done.ToBatchId!.Value).Identity!.Key.ProductStateId);
        Assert.Equal(100, Total(sim));
    }

    [Fact]
    public void A_transplant_of_more_than_the_source_holds_is_rejected_and_nothing_moves()
    {
        var (sim, source) = WithSource(10);

        var done = sim.Transplant(Start(sim, source, 11));

        Assert.Equal(TransplantStatus.Rejected, done.Status);
        Assert.Equal(StockRejections.InsufficientStock, done.ErrorCode);
        Assert.Equal(10, done.Available);
        Assert.Equal(10, Total(sim));
    }

    [Fact]
    public void A_destination_that_can_never_take_the_plants_gets_them_returned_to_the_source()
    {
        var (sim, source) = WithSource(100);
        sim.Configure(Config(99) with { StorageLocationId = Destination });

        var done = sim.Transplant(Start(sim, source, 30));

        Assert.Equal(TransplantStatus.Compensated, done.Status);
        Assert.Equal(StorageLocationRejections.ProductMismatch, done.ErrorCode);
        Assert.Equal(100, sim.Batch(source).Quantity);
        Assert.Equal(100, Total(sim));
    }

    [Fact]
    public void A_crash_between_any_two_steps_ends_with_both_effects_and_no_plant_made_or_lost()
    {
        for (var crashAt = 0; crashAt < 4; crashAt++)
        {
            var (sim, source) = WithSource(100, dropRate: 0.25, seed: crashAt);

            var done = sim.Transplant(Start(sim, source, 25), crashAfterSteps: crashAt);

            Assert.Equal(TransplantStatus.Completed, done.Status);
            Assert.Equal(100, Total(sim));
            Assert.Equal(75, sim.Batch(source).Quantity);
            Assert.Equal(2, sim.Movements.Count(m => m.Type == MovementType.Transplante));
        }
    }

    [Fact]
    public void The_same_transplant_id_with_other_content_is_refused_and_a_retry_is_the_same_transplant()
    {
        var (sim, source) = WithSource(100);
        var start = Start(sim, source, 30);
        sim.Transplant(start);

        Assert.Equal(TransplantStatus.Completed, sim.Transplant(start with { OutMovementId = sim.NewId() }).Status);
        var reused = TransplantDecider.Decide(sim.Transplants[start.TransplantId], start with { Request = start.Request with { Quantity = 31 } });

        Assert.Equal(StockRejections.IdempotencyKeyReused, reused.Rejection!.Code);
        Assert.Equal(70, sim.Batch(source).Quantity);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_transplant_of_no_plants_is_an_invalid_quantity(int quantity)
    {
        var start = new StartTransplant(
            Guid.NewGuid(), new TransplantRequest(Guid.NewGuid(), Destination, quantity, null, null, null, null, null, null, "u", null),
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), At);

        Assert.Equal(StockRejections.InvalidQuantity, TransplantDecider.Decide(TransplantState.Empty(start.TransplantId), start).Rejection!.Code);
    }
}
