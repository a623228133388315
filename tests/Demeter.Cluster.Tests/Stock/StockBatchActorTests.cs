using Akka.Actor;
using Akka.TestKit.Xunit2;
using Demeter.Cluster.Stock;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Tests.Stock;

public sealed class StockBatchActorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Backends() => Backend.All();

    private static BatchIdentity Identity(Guid bin) => new(new BatchKey(1291, bin, 42, null, null, null, null), "LOC1291-PROD42-20261201-001");

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Batch_recovers_its_quantity_from_the_journal_and_snapshots_after_a_restart(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var kit = new TestKit(node.System);
        var batchId = Guid.NewGuid();
        var actor = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 5));
        var at = DateTimeOffset.UtcNow;

        await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), MovementType.ManualInit, 100, at, MovementDetails.Manual(), Identity(Guid.NewGuid())));
        for (var i = 0; i < 12; i++)
        {
            var reply = await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), i % 2 == 0 ? MovementType.Plantar : MovementType.Muerte, 3, at.AddSeconds(i), MovementDetails.Manual()));
            Assert.True(reply.Accepted, reply.RejectionReason);
        }

        await Ask(actor, new VerifyCount(batchId, Guid.NewGuid(), Guid.NewGuid(), at.AddSeconds(5), 90, "u"));

        // A snapshot at least every 5 events; saving one deleted the ones before it.
        var persistenceId = StockBatchActor.PersistenceIdFor(batchId);
        await kit.AwaitAssertAsync(
            async () =>
            {
                Assert.Equal(1, await node.ReadModel.CountAsync("SELECT COUNT(*) FROM snapshot WHERE persistence_id = @p", new { p = persistenceId }));
                Assert.True(await node.ReadModel.CountAsync("SELECT MAX(sequence_number) FROM snapshot WHERE persistence_id = @p", new { p = persistenceId }) >= 10);
            },
            Timeout);
        kit.Watch(actor);
        actor.Tell(PoisonPill.Instance);
        kit.ExpectTerminated(actor, Timeout);

        var recovered = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 5));
        var state = (await Ask(recovered, new GetBatch(batchId))).Batch;

        // 100 + 6×3 − 6×3 = 100; the count as of +5 s (when the ledger said 100) found 90 and booked −10 there.
        Assert.Equal(90, state.Quantity);
        Assert.Equal(BatchStatus.Active, state.Status);
        Assert.Equal(18, state.EmptyContainers);
        Assert.Equal(100, state.QuantityInitial);
        var ledger = await recovered.Ask<BatchLedgerAt>(new GetLedgerAt(batchId, at.AddSeconds(5)), Timeout);
        Assert.Equal(90, ledger.BalanceAt);
        Assert.True(await node.ReadModel.CountAsync("SELECT COUNT(*) FROM journal WHERE persistence_id = @p", new { p = persistenceId }) >= 15);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Retried_movement_is_applied_once_and_a_rejected_one_persists_nothing(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var batchId = Guid.NewGuid();
        var actor = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 100));
        await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), MovementType.ManualInit, 10, DateTimeOffset.UtcNow, MovementDetails.Manual(), Identity(Guid.NewGuid())));

        var planting = new RecordMovement(batchId, Guid.NewGuid(), MovementType.Plantar, 5, DateTimeOffset.UtcNow, MovementDetails.Manual());
        var first = await Ask(actor, planting);
        var retry = await Ask(actor, planting with { At = DateTimeOffset.UtcNow.AddMinutes(1) });
        Assert.Equal(BatchOutcome.Applied, first.Outcome);
        Assert.Equal(BatchOutcome.AlreadyApplied, retry.Outcome);
        Assert.Equal(first.Movement, retry.Movement);

        var reused = await Ask(actor, planting with { Quantity = 6 });
        Assert.Equal(StockRejections.IdempotencyKeyReused, reused.RejectionCode);

        var tooMany = await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), MovementType.Muerte, 16, DateTimeOffset.UtcNow, MovementDetails.Manual()));
        Assert.Equal(StockRejections.InsufficientStock, tooMany.RejectionCode);
        Assert.Equal(15, tooMany.Available);
        Assert.Equal(15, tooMany.Batch.Quantity);
        Assert.Equal(3, await node.ReadModel.CountAsync("SELECT COUNT(*) FROM journal WHERE persistence_id = @p", new { p = StockBatchActor.PersistenceIdFor(batchId) }));
    }

    private static Task<StockBatchReply> Ask(IActorRef actor, IStockBatchCommand command) => actor.Ask<StockBatchReply>(command, Timeout);
}
