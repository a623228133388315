using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Stock;

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
        var expected = await WriteLedgerAsync(node);
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

        await AssertReadModelMatchesAsync(node, expected);
        Assert.Equal(1, failed);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Projector_killed_mid_stream_and_started_again_neither_skips_nor_double_applies(string backend)
    {
        await using var node = await TestNode.StartAsync(backend, ManualProjector);
        var expected = await WriteLedgerAsync(node);
        var settings = new ProjectionSettings(25, TimeSpan.FromMilliseconds(20));
        var slow = new ReadModelProjection(node.ReadModel, _ => Task.Delay(2));
        var first = node.System.ActorOf(ProjectorActor.Props(slow, settings));

        // Kill it once it is part way through the stock events.
        await TestNode.EventuallyAsync(() => slow.LoadOffsetAsync("stock"), offset => offset > 0);
        var partial = await CountMovementsAsync(node);
        first.Tell(Kill.Instance);
        Assert.InRange(partial, 1, expected.Movements - 1);

        node.System.ActorOf(ProjectorActor.Props(new ReadModelProjection(node.ReadModel), settings));
        await AssertReadModelMatchesAsync(node, expected);
    }

    private sealed record Ledger(Dictionary<Guid, int> Quantities, int Movements, long LastStockOrdering);

    private static async Task<Ledger> WriteLedgerAsync(TestNode node)
    {
        var region = node.Get<ActorKeys.StockBatchRegion>();
        var quantities = new Dictionary<Guid, int>();
        var random = new Random(5);
        var writes = Enumerable.Range(0, Batches).Select(async _ =>
        {
            var id = Guid.NewGuid();
            var reply = await region.Ask<StockBatchReply>(new CreateBatch(id, 1, 1291, 500, Guid.NewGuid(), DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
            for (var i = 1; i < MovementsPerBatch; i++)
            {
                var type = random.Next(3) == 0 ? MovementType.Muerte : MovementType.Plantar;
                reply = await region.Ask<StockBatchReply>(new RecordMovement(id, Guid.NewGuid(), type, 1 + (i % 7), DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
                Assert.True(reply.Accepted);
            }

            lock (quantities)
            {
                quantities[id] = reply.Batch.Quantity;
            }
        });
        await Task.WhenAll(writes);

        await using var connection = await node.ReadModel.OpenAsync();
        var last = (await connection.QueryAsync("SELECT MAX(ordering) FROM journal WHERE persistence_id LIKE 'stock-batch-%'", r => Convert.ToInt64(r.GetValue(0))))[0];
        return new Ledger(quantities, Batches * MovementsPerBatch, last);
    }

    private static async Task AssertReadModelMatchesAsync(TestNode node, Ledger expected)
    {
        var projection = new ReadModelProjection(node.ReadModel);
        await TestNode.EventuallyAsync(() => projection.LoadOffsetAsync("stock"), offset => offset >= expected.LastStockOrdering, TimeSpan.FromSeconds(90));
        Assert.Equal(expected.Movements, await CountMovementsAsync(node));
        foreach (var (batchId, quantity) in expected.Quantities)
        {
            var row = await node.Queries.StockBatchAsync(batchId);
            Assert.Equal(quantity, row!.QuantityCurrent);
            var movements = await node.Queries.MovementsOfBatchAsync(batchId);
            Assert.Equal(MovementsPerBatch, movements.Count);
            Assert.Equal(quantity, movements.Sum(m => m.Quantity));
        }
    }

    private static async Task<int> CountMovementsAsync(TestNode node)
    {
        await using var connection = await node.ReadModel.OpenAsync();
        return (await connection.QueryAsync("SELECT COUNT(*) FROM stock_movements", r => Convert.ToInt32(r.GetValue(0))))[0];
    }
}
