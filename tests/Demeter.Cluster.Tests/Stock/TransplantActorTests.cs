using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Tests.Stock;

public sealed class TransplantActorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Backends() => Backend.All();

    private static async Task<StockBatchReply> InitAsync(TestNode node, int claro, int quantity, int product = 42)
    {
        var reply = await node.Get<ActorKeys.StorageLocationRegion>().Ask<StockBatchReply>(
            new BookMovementByKey(claro, Guid.NewGuid(), MovementType.ManualInit, quantity, DateTimeOffset.UtcNow, new BatchKeyRequest(product, null, null, null, null),
                MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
            Timeout);
        Assert.True(reply.Accepted, reply.RejectionReason);
        return reply;
    }

    private static StartTransplant Start(Guid from, int to, int quantity) => new(
        Guid.NewGuid(), new TransplantRequest(from, to, quantity, null, null, null, null, null, null, "u", null),
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Concurrent_transplants_and_deaths_conserve_every_plant_and_the_read_model_replays_the_journal(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var source = await InitAsync(node, 1291, 1000);
        var transplants = node.Get<ActorKeys.TransplantRegion>();
        var batches = node.Get<ActorKeys.StockBatchRegion>();

        var moves = Enumerable.Range(0, 20).Select(i => transplants.Ask<TransplantReply>(Start(source.BatchId, 1300 + (i % 3), 30), Timeout)).ToList();
        var deaths = Enumerable.Range(0, 10).Select(_ => batches.Ask<StockBatchReply>(
            new RecordMovement(source.BatchId, Guid.NewGuid(), MovementType.Muerte, 5, DateTimeOffset.UtcNow, MovementDetails.Manual()), Timeout)).ToList();
        var done = await Task.WhenAll(moves);
        await Task.WhenAll(deaths);

        Assert.All(done, d => Assert.Equal(TransplantStatus.Completed, d.Transplant.Status));
        // Waits for the source's row too: the sum is 950 at every step of the projection (a transplant conserves
        // plants), so it alone does not say the last transplant is in the read model.
        var rows = await TestNode.EventuallyAsync(
            () => node.Queries.BatchesAsync(new Demeter.Cluster.ReadModel.BatchFilter(), 1, 100),
            page => page.Items.Count == 4 && page.Items.Sum(b => b.Quantity) == 950 && page.Items.Any(b => b.BatchId == source.BatchId && b.Quantity == 1000 - 600 - 50));
        Assert.Equal(1000 - 600 - 50, rows.Items.Single(b => b.BatchId == source.BatchId).Quantity);
        Assert.Empty(await new LedgerReplay(node.System, node.ReadModel).DifferencesAsync());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_destination_configured_for_another_product_gets_nothing_and_the_source_keeps_its_plants(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var source = await InitAsync(node, 1291, 100);
        var configured = await node.Get<ActorKeys.StorageLocationRegion>().Ask<Demeter.Cluster.StorageLocations.StorageLocationReply>(
            new SetStorageLocationConfig(1300, Guid.NewGuid(), ConfigMode.Create, 77, null, null, null, null, "u", DateTimeOffset.UtcNow), Timeout);
        Assert.True(configured.Accepted);

        var done = await node.Get<ActorKeys.TransplantRegion>().Ask<TransplantReply>(Start(source.BatchId, 1300, 40), Timeout);

        Assert.Equal(TransplantStatus.Compensated, done.Transplant.Status);
        Assert.Equal(StorageLocationRejections.ProductMismatch, done.Transplant.ErrorCode);
        var batch = await node.Get<ActorKeys.StockBatchRegion>().Ask<StockBatchReply>(new GetBatch(source.BatchId), Timeout);
        Assert.Equal(100, batch.Batch.Quantity);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_transplant_interrupted_by_a_node_restart_finishes_after_it(string backend)
    {
        var first = await TestNode.StartAsync(backend);
        var source = await InitAsync(first, 1291, 100);
        var start = Start(source.BatchId, 1300, 25);

        // Started, and the node stops before the steps are acknowledged (or right after): remember-entities restarts it.
        first.Get<ActorKeys.TransplantRegion>().Tell(start);
        var (directory, database) = await first.ShutdownKeepingDataAsync();
        await using var second = await TestNode.StartAsync(backend, reuse: directory, database: database);

        var journal = new EntityJournalReader(second.System);
        var state = await TestNode.EventuallyAsync(() => journal.TransplantAsync(start.TransplantId), t => t.Finished || !t.Exists, TimeSpan.FromSeconds(60));
        if (state.Exists)
        {
            Assert.Equal(TransplantStatus.Completed, state.Status);
        }

        var batches = await TestNode.EventuallyAsync(
            () => second.Queries.BatchesAsync(new Demeter.Cluster.ReadModel.BatchFilter(), 1, 10),
            page => page.Items.Sum(b => b.Quantity) == 100 && (!state.Exists || page.Items.Count == 2));
        Assert.Equal(100, batches.Items.Sum(b => b.Quantity));
        Assert.Empty(await new LedgerReplay(second.System, second.ReadModel).DifferencesAsync());
    }
}
