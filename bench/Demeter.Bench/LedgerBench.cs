using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Persistence;
using Demeter.Cluster.Hosting;
using Demeter.Domain.Stock;
using Npgsql;

namespace Demeter.Bench;

/// <summary>
/// Movements through HTTP on PostgreSQL with durable commits, beside the raw rate of PersistAll into the same
/// journal in the same run: writer actors in this process persist the same event type, one event per PersistAll,
/// one writer per batch, through the same journal plugin and settings into the same server (a database of their
/// own, so the API's projector does not read their events); then the API process serves the HTTP load; then, the
/// API stopped, the writers run once more. Each phase starts after a checkpoint, and the ratio is taken against the
/// mean of the two raw runs: on a small machine the server's background work moves the raw rate a lot.
/// </summary>
internal static class LedgerBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (Environment.GetEnvironmentVariable("DEMETER_BENCH_PG") is not { Length: > 0 } maintenance)
        {
            Console.Error.WriteLine("ledger: DEMETER_BENCH_PG is not set; run it with ./build.sh bench ledger (it starts a durable PostgreSQL).");
            return 2;
        }

        var connection = await BenchDatabase.CreateAsync(maintenance, "ledger");
        var rawConnection = await BenchDatabase.CreateAsync(maintenance, "ledger_raw");
        var root = RepoRoot.Find();
        using var data = new TempDir();
        var port = Shared.FreePort();
        Console.WriteLine($"ledger: {options.Clients} clients on {options.Batches} batches for {options.Seconds} s per run after {options.Warmup} s of warm-up; durable PostgreSQL; {Environment.ProcessorCount} cores");

        // Warmed up first, like the API (its JIT and the server's caches), then measured.
        await RawPersistAsync(rawConnection, data.Path, options.Batches, TimeSpan.FromSeconds(options.Warmup));
        await BenchDatabase.CheckpointAsync(maintenance);
        var rawBefore = await RawPersistAsync(rawConnection, data.Path, options.Batches, TimeSpan.FromSeconds(options.Seconds));
        Result single, batched;
        string[] extra = Environment.GetEnvironmentVariable("DEMETER_BENCH_HOCON") is { Length: > 0 } hocon ? ["--Demeter:hocon", hocon] : [];
        using (var api = Shared.StartApi(port, data.Path, ["--db-provider", "postgresql", "--db-connection", connection, .. extra]))
        {
            try
            {
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 };
                using var http = new HttpClient(handler) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
                await Shared.WaitHealthyAsync(http);
                await Shared.ImportLayoutAsync(http, Path.Combine(root, "..", "shared", "data", "nursery"), waitForProjection: false);
                var batches = await InitAsync(http, options.Batches);

                // Both request shapes until tiered compilation has settled: on two cores the JIT's background thread
                // competes with the load for half a minute, and a server is measured as it runs for days.
                Phase("HTTP warm-up");
                await LoadAsync(http, batches, options.Clients, TimeSpan.FromSeconds(options.Warmup), perRequest: 1);
                await LoadAsync(http, batches, Math.Max(1, options.Clients / 8), TimeSpan.FromSeconds(options.Warmup / 4.0), perRequest: batches.Count);
                await BenchDatabase.CheckpointAsync(maintenance);
                Phase("HTTP single");
                single = await LoadAsync(http, batches, options.Clients, TimeSpan.FromSeconds(options.Seconds), perRequest: 1);
                await BenchDatabase.CheckpointAsync(maintenance);
                Phase("HTTP batched");
                batched = await LoadAsync(http, batches, Math.Max(1, options.Clients / 8), TimeSpan.FromSeconds(options.Seconds), perRequest: batches.Count);
            }
            finally
            {
                await Shared.StopAsync(api);
            }
        }

        await BenchDatabase.CheckpointAsync(maintenance);
        var rawAfter = await RawPersistAsync(rawConnection, data.Path, options.Batches, TimeSpan.FromSeconds(options.Seconds));
        await BenchDatabase.DropAsync(maintenance, connection);
        await BenchDatabase.DropAsync(maintenance, rawConnection);
        var raw = new Result(
            (rawBefore.PerSecond + rawAfter.PerSecond) / 2, (rawBefore.P50 + rawAfter.P50) / 2, (rawBefore.P95 + rawAfter.P95) / 2, (rawBefore.P99 + rawAfter.P99) / 2, 0);

        Console.WriteLine();
        Console.WriteLine("| path | movements/s | p50 (ms) | p95 (ms) | p99 (ms) | ratio to raw |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Row($"raw PersistAll, {options.Batches} writers, 1 event each, before the HTTP runs", rawBefore, raw);
        Row($"raw PersistAll, {options.Batches} writers, 1 event each, after the HTTP runs", rawAfter, raw);
        Row($"HTTP, {options.Clients} clients on {options.Batches} batches, 1 movement per request", single, raw);
        Row($"HTTP, {Math.Max(1, options.Clients / 8)} clients, {options.Batches} movements per request", batched, raw);
        Console.WriteLine($"(errors: {single.Errors} single, {batched.Errors} batched; latencies are per request)");
        return 0;
    }

    private static void Phase(string name) => Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {name}");

    private static void Row(string name, Result r, Result raw) => Console.WriteLine(
        $"| {name} | {Shared.F(r.PerSecond)} | {Shared.F(r.P50, "0.0")} | {Shared.F(r.P95, "0.0")} | {Shared.F(r.P99, "0.0")} | {Shared.F(r.PerSecond / raw.PerSecond, "0.00")} |");

    private sealed record Result(double PerSecond, double P50, double P95, double P99, int Errors);

    private static async Task<List<string>> InitAsync(HttpClient http, int count)
    {
        var batches = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await http.PostAsync("api/v1/stock/manual-init", Json(
                $$"""{"movementId":"{{Guid.NewGuid()}}","storageLocationId":{{1291 + i}},"productId":42,"quantity":1000000000}"""));
            response.EnsureSuccessStatusCode();
            batches.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("batchId").GetString()!);
        }

        return batches;
    }

    /// <summary><paramref name="clients"/> loops posting movements (alternately plantar and muerte) until the time is up.</summary>
    private static async Task<Result> LoadAsync(HttpClient http, IReadOnlyList<string> batches, int clients, TimeSpan duration, int perRequest)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var moved = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var random = new Random(c);
            var mine = latencies[c] = [];
            var i = 0;
            while (clock.Elapsed < duration)
            {
                var body = perRequest == 1
                    ? Movement(batches[random.Next(batches.Count)], i++)
                    : "[" + string.Join(',', batches.Select(b => Movement(b, i++))) + "]";
                var sw = Stopwatch.StartNew();
                using var response = await http.PostAsync("api/v1/stock/movements", Json(body));
                await response.Content.LoadIntoBufferAsync();
                mine.Add(sw.Elapsed.TotalMilliseconds);
                if (response.StatusCode is HttpStatusCode.Created or (HttpStatusCode)207)
                {
                    Interlocked.Add(ref moved, perRequest);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new Result(moved / elapsed, Shared.Percentile(all, 0.5), Shared.Percentile(all, 0.95), Shared.Percentile(all, 0.99), errors);
    }

    private static string Movement(string batch, int i) =>
        $$"""{"movementId":"{{Guid.NewGuid()}}","batchId":"{{batch}}","type":"{{(i % 2 == 0 ? "plantar" : "muerte")}}","quantity":1}""";

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>One writer actor per batch, each persisting one movement event per PersistAll, back to back, into the same journal.</summary>
    private static async Task<Result> RawPersistAsync(string connection, string dataDirectory, int writers, TimeSpan duration)
    {
        var node = new NodeSettings(dataDirectory, new DatabaseSettings(DatabaseProvider.PostgreSql, connection), [NodeRoles.Api], "127.0.0.1", 0, [], null, null);
        await using var journals = await JournalActorSystem.StartAsync(node, "raw");
        var system = journals.System;
        var latencies = new List<double>[writers];
        var finished = Enumerable.Range(0, writers).Select(_ => new TaskCompletionSource()).ToArray();
        var written = 0L;
        var stopAt = DateTime.UtcNow + duration;
        var clock = Stopwatch.StartNew();
        for (var w = 0; w < writers; w++)
        {
            latencies[w] = [];
            system.ActorOf(Props.Create(() => new RawWriter($"bench-raw-{Guid.NewGuid():N}", stopAt, latencies[w], finished[w], () => Interlocked.Increment(ref written))));
        }

        await Task.WhenAll(finished.Select(f => f.Task));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        return new Result(written / elapsed, Shared.Percentile(all, 0.5), Shared.Percentile(all, 0.95), Shared.Percentile(all, 0.99), 0);
    }

    private sealed class RawWriter : ReceivePersistentActor
    {
        private readonly Guid _batch = Guid.NewGuid();
        private readonly Stopwatch _latency = new();
        private int _sequence;

        public RawWriter(string persistenceId, DateTime stopAt, List<double> latencies, TaskCompletionSource finished, Action wrote)
        {
            PersistenceId = persistenceId;
            Command<string>(_ =>
            {
                if (DateTime.UtcNow >= stopAt)
                {
                    finished.TrySetResult();
                    return;
                }

                _sequence++;
                var type = _sequence % 2 == 0 ? MovementType.Muerte : MovementType.Plantar;
                var details = MovementDetails.Manual();
                var movement = new MovementRecorded(
                    _batch, Guid.NewGuid(), type, type.Direction(), DateTimeOffset.UtcNow, 1_000_000_000, 0, details, MovementFingerprint.Of(type, 1, details), null);
                _latency.Restart();
                PersistAll([movement], _ =>
                {
                    latencies.Add(_latency.Elapsed.TotalMilliseconds);
                    wrote();
                });
                DeferAsync(movement, _ => Self.Tell("next"));
            });
        }

        public override string PersistenceId { get; }

        protected override void PreStart() => Self.Tell("next");
    }
}

/// <summary>A fresh database per benchmark run on the server DEMETER_BENCH_PG names.</summary>
internal static class BenchDatabase
{
    public static async Task<string> CreateAsync(string maintenance, string prefix)
    {
        var name = $"bench_{prefix}_{DateTime.UtcNow:yyyyMMddHHmmss}_{Random.Shared.Next(1000):000}";
        await using (var c = new NpgsqlConnection(maintenance))
        {
            await c.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(maintenance) { Database = name }.ConnectionString;
    }

    /// <summary>Flushes the server's dirty pages now, so a checkpoint does not fall in the middle of a measured phase.</summary>
    public static async Task CheckpointAsync(string maintenance)
    {
        await using var c = new NpgsqlConnection(maintenance);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", c);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DropAsync(string maintenance, string connection)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connection).Database;
        await using var c = new NpgsqlConnection(maintenance);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
        await command.ExecuteNonQueryAsync();
    }
}
