using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;

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
        var batchId = Guid.NewGuid();
        var reply = await node.Get<ActorKeys.StockBatchRegion>().Ask<StockBatchReply>(
            new CreateBatch(batchId, 1, 1291, 5, Guid.NewGuid(), DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
        Assert.True(reply.Accepted);

        // Remember-entities of photo sessions writes to the sharding journal.
        await node.Get<ActorKeys.PhotoSessionRegion>().Ask<object>(
            new Domain.Photos.Sessions.GetPhotoSession(Guid.NewGuid()), TimeSpan.FromSeconds(30));

        await using var connection = await node.ReadModel.OpenAsync();
        var domainIds = await connection.QueryAsync("SELECT DISTINCT persistence_id FROM journal", r => r.GetString(0));
        var manifests = await connection.QueryAsync("SELECT DISTINCT manifest FROM journal", r => r.GetString(0));
        var shardingIds = await TestNode.EventuallyAsync(
            () => connection.QueryAsync("SELECT DISTINCT persistence_id FROM sharding_journal", r => r.GetString(0)),
            ids => ids.Count > 0);

        Assert.Contains($"stock-batch-{batchId:N}", domainIds);
        Assert.DoesNotContain(domainIds, id => id.Contains("sharding", StringComparison.OrdinalIgnoreCase));
        Assert.All(manifests, m => Assert.Matches(@"^[a-z]+(\.[a-z0-9-]+)+\.v[0-9]+$", m));
        Assert.All(shardingIds, id => Assert.Contains("sharding", id, StringComparison.OrdinalIgnoreCase));
    }
}
