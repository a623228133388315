using System.Diagnostics;
using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Stock;
using Demeter.Domain.Stock;

namespace Demeter.Bench;

/// <summary>
/// Recovery of a batch with 10,000 events, with snapshots (every demeter.snapshot-every events, as configured) and
/// without: the real batch actor books the movements one by one into a durable PostgreSQL, then is stopped and
/// started again; the time is from starting the actor to its answer to the first question (snapshot load,
/// replay of the events after it, and the reply).
/// </summary>
internal static class RecoveryBench
{
    private const int Runs = 15;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (Environment.GetEnvironmentVariable("DEMETER_BENCH_PG") is not { Length: > 0 } maintenance)
        {
            Console.Error.WriteLine("recovery: DEMETER_BENCH_PG is not set; run it with ./build.sh bench recovery (it starts a durable PostgreSQL).");
            return 2;
        }

        var connection = await BenchDatabase.CreateAsync(maintenance, "recovery");
        using var data = new TempDir();
        var node = new NodeSettings(data.Path, new DatabaseSettings(DatabaseProvider.PostgreSql, connection), [NodeRoles.Api], "127.0.0.1", 0, [], null, null);
        await new Demeter.Cluster.ReadModel.ReadModelDatabase(node.Database).EnsureSchemaAsync();
        var journals = await JournalActorSystem.StartAsync(node, "recovery");
        var system = journals.System;
        Console.WriteLine($"recovery: a batch of {options.RecoveryEvents} events, {Runs} recoveries each (first not counted); durable PostgreSQL");

        var every = system.Settings.Config.GetInt("demeter.snapshot-every", 100);
        var with = await MeasureAsync(system, options.RecoveryEvents, snapshotEvery: every);
        var without = await MeasureAsync(system, options.RecoveryEvents, snapshotEvery: int.MaxValue);
        await journals.DisposeAsync();
        await BenchDatabase.DropAsync(maintenance, connection);

        Console.WriteLine();
        Console.WriteLine("| batch | events | recovery p50 (ms) | recovery p95 (ms) | with / without |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine($"| snapshot every {every} events | {options.RecoveryEvents} | {Shared.F(with.P50, "0.0")} | {Shared.F(with.P95, "0.0")} | {Shared.F(with.P50 / without.P50, "0.00")} |");
        Console.WriteLine($"| no snapshots | {options.RecoveryEvents} | {Shared.F(without.P50, "0.0")} | {Shared.F(without.P95, "0.0")} | 1.00 |");
        return 0;
    }

    private static async Task<(double P50, double P95)> MeasureAsync(ActorSystem system, int events, int snapshotEvery)
    {
        var batchId = Guid.NewGuid();
        var identity = new BatchIdentity(new BatchKey(1291, Guid.NewGuid(), 42, null, null, null, null), "LOC1291-PROD42-20261201-001");
        var writer = system.ActorOf(StockBatchActor.Props(batchId, snapshotEvery));
        var clock = Stopwatch.StartNew();
        await writer.Ask<StockBatchReply>(
            new RecordMovement(batchId, Guid.NewGuid(), MovementType.ManualInit, 1_000_000, DateTimeOffset.UtcNow, MovementDetails.Manual(), identity), TimeSpan.FromSeconds(30));
        for (var i = 1; i < events; i++)
        {
            // Told back to back: the actor persists them one by one, as it would under a stream of requests.
            writer.Tell(new RecordMovement(batchId, Guid.NewGuid(), i % 2 == 0 ? MovementType.Plantar : MovementType.Muerte, 1, DateTimeOffset.UtcNow, MovementDetails.Manual()));
        }

        var written = await writer.Ask<StockBatchReply>(new GetBatch(batchId), TimeSpan.FromMinutes(10));
        Console.WriteLine($"  wrote {events} events in {clock.Elapsed.TotalSeconds:0.0} s (snapshot every {(snapshotEvery == int.MaxValue ? "never" : snapshotEvery)}); quantity {written.Batch.Quantity}");
        await writer.GracefulStop(TimeSpan.FromSeconds(30));

        var times = new List<double>();
        for (var run = 0; run <= Runs; run++)
        {
            var sw = Stopwatch.StartNew();
            var actor = system.ActorOf(StockBatchActor.Props(batchId, snapshotEvery));
            var reply = await actor.Ask<StockBatchReply>(new GetBatch(batchId), TimeSpan.FromSeconds(60));
            var ms = sw.Elapsed.TotalMilliseconds;
            if (reply.Batch.Quantity != written.Batch.Quantity)
            {
                throw new InvalidOperationException($"Recovered {reply.Batch.Quantity}, expected {written.Batch.Quantity}.");
            }

            if (run > 0)
            {
                times.Add(ms);
            }

            await actor.GracefulStop(TimeSpan.FromSeconds(30));
        }

        return (Shared.Percentile(times, 0.5), Shared.Percentile(times, 0.95));
    }
}
