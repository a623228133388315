using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Tests.ReadModel;

/// <summary>
/// The projector writes rows and its offset in one transaction: whether it dies between batches, in the
/// middle of one, or is killed while a batch is in flight, a restart neither skips nor repeats an event.
/// </summary>
public sealed class ProjectorRecoveryTests
{
    private const int Batches = 12;
    private const int MovementsPerBatch = 40;
    private const string ManualProjector = "demeter.projection.enabled = off\ndemeter.projection.batch-size = 50\n";

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Projection_that_fails_mid_transaction_restarts_from_its_offset_without_loss_or_duplicates(string backend)
    {
        await using var node = await TestNode.StartAsync(backend, ManualProjector);
        var last = await WriteLedgerAsync(node);
        var applied = 0;
        var failed = 0;
        var projection = new ReadModelProjection(node.ReadModel, _ =>
        {
            // Crash once, in the middle of a batch, after part of its rows were written in the transaction.
            if (Interlocked.Increment(ref applied) == 275 && Interlocked.Exchange(ref failed, 1) == 0)
            {
                throw new InvalidOperationException("injected crash");
            }

            return Task.CompletedTask;
        });
        node.System.ActorOf(ProjectorActor.Props(projection, new ProjectionSettings(50, TimeSpan.FromMilliseconds(20))));

        await AssertReadModelMatchesJournalAsync(node, last);
        Assert.Equal(1, failed);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Projector_killed_mid_stream_and_started_again_neither_skips_nor_double_applies(string backend)
    {
        await using var node = await TestNode.StartAsync(backend, ManualProjector);
        var last = await WriteLedgerAsync(node);
        var settings = new ProjectionSettings(25, TimeSpan.FromMilliseconds(20));
        var slow = new ReadModelProjection(node.ReadModel, _ => Task.Delay(2));
        var first = node.System.ActorOf(ProjectorActor.Props(slow, settings));

        // Kill it once it is part way through.
        await TestNode.EventuallyAsync(() => slow.LoadOffsetAsync(), offset => offset > 0);
        var partial = await node.ReadModel.CountAsync("SELECT COUNT(*) FROM stock_movements");
        first.Tell(Kill.Instance);
        Assert.InRange(partial, 0, (Batches * MovementsPerBatch) - 1);

        node.System.ActorOf(ProjectorActor.Props(new ReadModelProjection(node.ReadModel), settings));
        await AssertReadModelMatchesJournalAsync(node, last);
    }

    private static async Task<long> WriteLedgerAsync(TestNode node)
    {
        var locations = node.Get<ActorKeys.StorageLocationRegion>();
        var batches = node.Get<ActorKeys.StockBatchRegion>();
        var random = new Random(5);
        var writes = Enumerable.Range(0, Batches).Select(async i =>
        {
            var init = await locations.Ask<StockBatchReply>(
                new BookMovementByKey(
                    1291 + i, Guid.NewGuid(), MovementType.ManualInit, 500, DateTimeOffset.UtcNow, new BatchKeyRequest(1, null, null, null, null),
                    MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
                TimeSpan.FromSeconds(30));
            Assert.True(init.Accepted, init.RejectionReason);
            for (var m = 1; m < MovementsPerBatch; m++)
            {
                var type = random.Next(3) == 0 ? MovementType.Muerte : MovementType.Plantar;
                var reply = await batches.Ask<StockBatchReply>(
                    new RecordMovement(init.BatchId, Guid.NewGuid(), type, 1 + (m % 7), DateTimeOffset.UtcNow, MovementDetails.Manual()), TimeSpan.FromSeconds(30));
                Assert.True(reply.Accepted, reply.RejectionReason);
            }
        });
        await Task.WhenAll(writes);
        return await node.ReadModel.CountAsync("SELECT MAX(ordering) FROM journal");
    }

    private static async Task AssertReadModelMatchesJournalAsync(TestNode node, long lastOrdering)
    {
        var projection = new ReadModelProjection(node.ReadModel);
        await TestNode.EventuallyAsync(() => projection.LoadOffsetAsync(), offset => offset >= lastOrdering, TimeSpan.FromSeconds(90));
        Assert.Equal(Batches * MovementsPerBatch, await node.ReadModel.CountAsync("SELECT COUNT(*) FROM stock_movements"));
        Assert.Empty(await new LedgerReplay(node.System, node.ReadModel).DifferencesAsync());
    }
}
