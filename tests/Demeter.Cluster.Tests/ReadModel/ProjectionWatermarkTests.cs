using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Demeter.Cluster.Tests.ReadModel;

/// <summary>A query waits for the projector to apply what the journal held when it began, and no longer than it may.</summary>
public sealed class ProjectionWatermarkTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Catching_up_waits_for_every_event_journaled_before_it_and_gives_up_at_its_limit(string backend)
    {
        await using var node = await TestNode.StartAsync(backend, "demeter.projection.enabled = off\n");
        var written = await WriteMovementsAsync(node, 30);

        // Nothing projects: the wait runs out and says so.
        var impatient = new ProjectionWatermark(node.ReadModel, "journal", TimeSpan.FromMilliseconds(300), NullLogger<ProjectionWatermark>.Instance);
        Assert.False(await impatient.CatchUpAsync(CancellationToken.None));
        Assert.Equal(0, await node.ReadModel.CountAsync("SELECT COUNT(*) FROM stock_movements"));

        // Once a projector runs, the wait ends exactly when the read model holds every movement written before it.
        node.System.ActorOf(ProjectorActor.Props(new ReadModelProjection(node.ReadModel, _ => Task.Delay(5)), new ProjectionSettings(5, TimeSpan.FromMilliseconds(20))));
        var patient = new ProjectionWatermark(node.ReadModel, "journal", TimeSpan.FromSeconds(60), NullLogger<ProjectionWatermark>.Instance);
        Assert.True(await patient.CatchUpAsync(CancellationToken.None));
        Assert.Equal(written, await node.ReadModel.CountAsync("SELECT COUNT(*) FROM stock_movements"));
    }

    private static async Task<int> WriteMovementsAsync(TestNode node, int count)
    {
        var locations = node.Get<ActorKeys.StorageLocationRegion>();
        var batches = node.Get<ActorKeys.StockBatchRegion>();
        var init = await locations.Ask<StockBatchReply>(
            new BookMovementByKey(
                1291, Guid.NewGuid(), MovementType.ManualInit, 500, DateTimeOffset.UtcNow, new BatchKeyRequest(1, null, null, null, null),
                MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
            TimeSpan.FromSeconds(30));
        Assert.True(init.Accepted, init.RejectionReason);
        for (var m = 1; m < count; m++)
        {
            var reply = await batches.Ask<StockBatchReply>(
                new RecordMovement(init.BatchId, Guid.NewGuid(), MovementType.Plantar, m, DateTimeOffset.UtcNow, MovementDetails.Manual()), TimeSpan.FromSeconds(30));
            Assert.True(reply.Accepted, reply.RejectionReason);
        }

        return count;
    }
}
