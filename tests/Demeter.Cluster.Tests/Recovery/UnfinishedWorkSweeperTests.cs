using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Tests.Recovery;

public sealed class UnfinishedWorkSweeperTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_started_transplant_no_region_remembers_is_woken_by_the_sweep_and_finished(string backend)
    {
        await using var node = await TestNode.StartAsync(backend, "demeter.recovery.sweep-interval = 200ms\ndemeter.recovery.stalled-after = 0s\n");
        var source = await node.Get<ActorKeys.StorageLocationRegion>().Ask<StockBatchReply>(
            new BookMovementByKey(1291, Guid.NewGuid(), MovementType.ManualInit, 100, DateTimeOffset.UtcNow, new BatchKeyRequest(42, null, null, null, null),
                MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
            Timeout);
        Assert.True(source.Accepted, source.RejectionReason);

        // The transplant's journal says it started, as if its node died right after: no region has it running or
        // remembers it, so only the sweep can wake it.
        var transplantId = await InterruptedTransplants.WriteStartedAsync(node.System, source.BatchId, 1300, 25, "u");

        var row = await TestNode.EventuallyAsync(() => node.Queries.TransplantAsync(transplantId), t => t is { FinishedAt: not null }, TimeSpan.FromSeconds(60));
        Assert.Equal("completed", row!.Status);
        var batches = await TestNode.EventuallyAsync(
            () => node.Queries.BatchesAsync(new Demeter.Cluster.ReadModel.BatchFilter(), 1, 10),
            page => page.Items.Count == 2 && page.Items.Any(b => b.BatchId == source.BatchId && b.Quantity == 75));
        Assert.Equal(100, batches.Items.Sum(b => b.Quantity));
        Assert.Equal(25, batches.Items.Single(b => b.StorageLocationId == 1300).Quantity);
        Assert.Empty(await new LedgerReplay(node.System, node.ReadModel).DifferencesAsync());
    }
}
