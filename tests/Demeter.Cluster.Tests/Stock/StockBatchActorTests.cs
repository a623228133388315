using Akka.Actor;
using Akka.TestKit.Xunit2;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Stock;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Tests.Stock;

public sealed class StockBatchActorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Batch_recovers_its_quantity_from_the_journal_and_snapshots_after_a_restart(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var kit = new TestKit(node.System);
        var batchId = Guid.NewGuid();
        var actor = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 5));

        await Ask(actor, new CreateBatch(batchId, 42, 1291, 100, Guid.NewGuid(), DateTimeOffset.UtcNow));
        for (var i = 0; i < 12; i++)
        {
            await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), i % 2 == 0 ? MovementType.Plantar : MovementType.Muerte, 3, DateTimeOffset.UtcNow));
        }

        kit.Watch(actor);
        actor.Tell(PoisonPill.Instance);
        kit.ExpectTerminated(actor, Timeout);

        var recovered = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 5));
        var reply = await Ask(recovered, new GetBatch(batchId));
        Assert.Equal(100, reply.Batch.Quantity);
        Assert.Equal(18, reply.Batch.EmptyContainers);
        Assert.Equal(100, reply.Batch.QuantityInitial);

        // 14 events with a snapshot every 5: the snapshot store holds the state, the journal keeps every event.
        var snapshots = await CountAsync(node, "SELECT COUNT(*) FROM snapshot WHERE persistence_id = @p", $"stock-batch-{batchId:N}");
        var events = await CountAsync(node, "SELECT COUNT(*) FROM journal WHERE persistence_id = @p", $"stock-batch-{batchId:N}");
        Assert.True(snapshots >= 1, "expected at least one snapshot");
        Assert.Equal(14, events);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Retried_movement_is_applied_once_and_a_rejected_one_persists_nothing(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var batchId = Guid.NewGuid();
        var actor = node.System.ActorOf(StockBatchActor.Props(batchId, snapshotEvery: 100));
        await Ask(actor, new CreateBatch(batchId, null, 1291, 10, Guid.NewGuid(), DateTimeOffset.UtcNow));

        var planting = new RecordMovement(batchId, Guid.NewGuid(), MovementType.Plantar, 5, DateTimeOffset.UtcNow);
        var first = await Ask(actor, planting);
        var retry = await Ask(actor, planting);
        Assert.True(first.Accepted && !first.AlreadyApplied);
        Assert.True(retry.Accepted && retry.AlreadyApplied);
        Assert.Equal(15, retry.Batch.Quantity);

        var tooMany = await Ask(actor, new RecordMovement(batchId, Guid.NewGuid(), MovementType.Muerte, 16, DateTimeOffset.UtcNow));
        Assert.False(tooMany.Accepted);
        Assert.Equal(StockRejections.InsufficientStock, tooMany.RejectionCode);
        Assert.Equal(15, tooMany.Batch.Quantity);
        Assert.Equal(3, await CountAsync(node, "SELECT COUNT(*) FROM journal WHERE persistence_id = @p", $"stock-batch-{batchId:N}"));
    }

    private static Task<StockBatchReply> Ask(IActorRef actor, IStockBatchCommand command) => actor.Ask<StockBatchReply>(command, Timeout);

    internal static async Task<long> CountAsync(TestNode node, string sql, string persistenceId)
    {
        await using var connection = await node.ReadModel.OpenAsync();
        await using var command = connection.Command(sql, null, ("@p", persistenceId));
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
