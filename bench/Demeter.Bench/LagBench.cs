using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Demeter.Bench;

/// <summary>
/// Projection lag: how long after a movement is accepted (201) the read model on PostgreSQL shows it, measured by
/// polling the batch's row directly (the API's own reads would wait for it). The journal's polling and the projector's
/// batch window are the knobs; each configuration gets a fresh database and API process, one after the other.
/// </summary>
internal static class LagBench
{
    private const int Warmup = 30;

    private static readonly (string Name, string Hocon)[] Configurations =
    [
        ("read journal 200 ms, batch window 250 ms (before)",
            "akka.persistence.query.journal.sql { refresh-interval = 200ms, journal-sequence-retrieval.query-delay = 200ms }\ndemeter.projection.batch-window = 250ms\n"),
        ("read journal 50 ms, batch window 20 ms (cluster.hocon)", string.Empty),
    ];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (Environment.GetEnvironmentVariable("DEMETER_BENCH_PG") is not { Length: > 0 } maintenance)
        {
            Console.Error.WriteLine("lag: DEMETER_BENCH_PG is not set; run it with ./build.sh bench lag (it starts a durable PostgreSQL).");
            return 2;
        }

        var root = RepoRoot.Find();
        var rows = new List<(string Name, double P50, double P95, double P99)>();
        foreach (var (name, hocon) in Configurations)
        {
            var connection = await BenchDatabase.CreateAsync(maintenance, "lag");
            using var data = new TempDir();
            var port = Shared.FreePort();
            using var api = Shared.StartApi(port, data.Path, ["--db-provider", "postgresql", "--db-connection", connection, "--Demeter:hocon", hocon]);
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
                await Shared.WaitHealthyAsync(http);
                await Shared.ImportLayoutAsync(http, Path.Combine(root, "..", "shared", "data", "nursery"));
                var batch = await InitAsync(http);
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                var lags = new List<double>();
                for (var i = 1; i <= Warmup + options.Movements; i++)
                {
                    var lag = await MoveAndWaitAsync(http, db, batch, 1000 + i);
                    if (i > Warmup)
                    {
                        lags.Add(lag);
                    }
                }

                rows.Add((name, Shared.Percentile(lags, 0.5), Shared.Percentile(lags, 0.95), Shared.Percentile(lags, 0.99)));
                Console.WriteLine($"  {name}: {lags.Count} movements measured");
            }
            finally
            {
                await Shared.StopAsync(api);
                await BenchDatabase.DropAsync(maintenance, connection);
            }
        }

        Console.WriteLine();
        Console.WriteLine("| configuration | movements | lag p50 (ms) | lag p95 (ms) | lag p99 (ms) | p95 ratio to before |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine($"| {r.Name} | {options.Movements} | {Shared.F(r.P50)} | {Shared.F(r.P95)} | {Shared.F(r.P99)} | {Shared.F(r.P95 / rows[0].P95, "0.00")} |");
        }

        return 0;
    }

    private static async Task<string> InitAsync(HttpClient http)
    {
        using var response = await http.PostAsync("api/v1/stock/manual-init", Json(
            $$"""{"movementId":"{{Guid.NewGuid()}}","storageLocationId":1291,"productId":42,"quantity":1000}"""));
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("batchId").GetString()!;
    }

    // One movement at a time: accepted (201) → the read model's row shows the quantity it left, polled every millisecond.
    private static async Task<double> MoveAndWaitAsync(HttpClient http, NpgsqlConnection db, string batch, int expected)
    {
        using var response = await http.PostAsync("api/v1/stock/movements", Json(
            $$"""{"movementId":"{{Guid.NewGuid()}}","batchId":"{{batch}}","type":"plantar","quantity":1}"""));
        response.EnsureSuccessStatusCode();
        var accepted = Stopwatch.StartNew();
        await using var query = new NpgsqlCommand("SELECT quantity_current FROM stock_batches WHERE batch_id = @id", db);
        query.Parameters.AddWithValue("id", Guid.Parse(batch));
        while (accepted.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await query.ExecuteScalarAsync() is int quantity && quantity >= expected)
            {
                return accepted.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(1);
        }

        throw new TimeoutException($"Movement on {batch} not visible after 30 s.");
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
