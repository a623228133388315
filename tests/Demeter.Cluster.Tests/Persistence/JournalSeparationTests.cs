using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Tests.Persistence;

/// <summary>Sharding keeps its bookkeeping in its own tables, so the domain journal holds only domain events.</summary>
public sealed class JournalSeparationTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Domain_journal_holds_only_domain_events_and_sharding_uses_its_own_tables(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);

        // The claro region remembers its entities: that bookkeeping goes to the sharding journal.
        var reply = await node.Get<ActorKeys.StorageLocationRegion>().Ask<StockBatchReply>(
            new BookMovementByKey(1291, Guid.NewGuid(), MovementType.ManualInit, 5, DateTimeOffset.UtcNow, new BatchKeyRequest(1, null, null, null, null),
                MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
            TimeSpan.FromSeconds(30));
        Assert.True(reply.Accepted, reply.RejectionReason);

        var domainIds = await node.ReadModel.StringsAsync("SELECT DISTINCT persistence_id FROM journal");
        var manifests = await node.ReadModel.StringsAsync("SELECT DISTINCT manifest FROM journal");
        var shardingIds = await TestNode.EventuallyAsync(
            () => node.ReadModel.StringsAsync("SELECT DISTINCT persistence_id FROM sharding_journal"),
            ids => ids.Count > 0);

        Assert.Contains($"stock-batch-{reply.BatchId:N}", domainIds);
        Assert.Contains("storage-location-1291", domainIds);
        Assert.DoesNotContain(domainIds, id => id.Contains("sharding", StringComparison.OrdinalIgnoreCase));
        Assert.All(manifests, m => Assert.Matches(@"^[a-z]+(\.[a-z0-9-]+)+\.v[0-9]+$", m));
        Assert.All(shardingIds, id => Assert.Contains("sharding", id, StringComparison.OrdinalIgnoreCase));
    }
}
