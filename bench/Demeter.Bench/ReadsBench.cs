using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Demeter.Bench;

/// <summary>
/// Read endpoints under a steady load from wrk (the Debian package) against a PostgreSQL holding a whole nursery
/// (NurserySeeder), beside GET /health/live at the same rate and connections in the same run: a route that does
/// no database work, so its latency is what the HTTP path and wrk on the same two cores cost. wrk 4 has no rate
/// option; each connection pauses between requests (a Lua delay), so connections × 1 / (pause + latency) sets the
/// rate, and the rate reached is reported beside the latencies.
/// </summary>
internal static class ReadsBench
{
    private const string Script =
        """
        local ids = {}
        for id in string.gmatch(os.getenv("DEMETER_IDS") or "", "[^,]+") do ids[#ids + 1] = id end
        local pattern = os.getenv("DEMETER_PATH")
        local pause = tonumber(os.getenv("DEMETER_PAUSE_MS"))
        request = function()
          local path = pattern
          if #ids > 0 then path = string.gsub(pattern, "{id}", ids[math.random(#ids)]) end
          return wrk.format("GET", path)
        end
        delay = function() return pause end
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("RESULT %d %d %f %f %f %d\n", summary.requests, summary.duration,
            latency:percentile(50), latency:percentile(95), latency:percentile(99), e.connect + e.read + e.write + e.status + e.timeout))
        end
        """;

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        if (Environment.GetEnvironmentVariable("DEMETER_BENCH_PG") is not { Length: > 0 } maintenance)
        {
            Console.Error.WriteLine("reads: DEMETER_BENCH_PG is not set; run it with ./build.sh bench reads (it starts a durable PostgreSQL and installs wrk).");
            return 2;
        }

        int Get(string name, int fallback) => BenchOptions.IntArg(args, name, fallback);

        var sizes = new NurserySeeder.Sizes(Get("--nursery-plants", 600_000), Get("--nursery-movements", 1_000_000), Get("--sessions", 100_000), Get("--lots", 4));
        var rate = Get("--rate", 2000);
        var seconds = options.Seconds;
        var root = RepoRoot.Find();
        var connection = await BenchDatabase.CreateAsync(maintenance, "reads");
        using var data = new TempDir();
        var port = Shared.FreePort();
        var log = Console.Error;
        using var api = Shared.StartApi(port, data.Path, "--db-provider", "postgresql", "--db-connection", connection);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            await Shared.WaitHealthyAsync(http);
            var clock = Stopwatch.StartNew();
            var seeded = await NurserySeeder.SeedAsync(http, root, connection, data.Path, sizes, log);
            await WaitProjectedAsync(connection, seeded, log);
            var seeding = clock.Elapsed;
            await using (var c = new NpgsqlConnection(connection))
            {
                await c.OpenAsync();
                await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", c) { CommandTimeout = 600 };
                await analyze.ExecuteNonQueryAsync();
            }

            var held = await ScalarAsync(connection, "SELECT COALESCE(SUM(quantity_current), 0) FROM stock_batches");
            var rows = (Movements: await ScalarAsync(connection, "SELECT COUNT(*) FROM stock_movements"), Sessions: await ScalarAsync(connection, "SELECT COUNT(*) FROM photo_sessions"),
                Batches: await ScalarAsync(connection, "SELECT COUNT(*) FROM stock_batches"));
            Console.WriteLine(
                $"reads: {seeded.Claros.Count} claros, {NurserySeeder.Format(held)} plants in {NurserySeeder.Format(rows.Batches)} batches, " +
                $"{NurserySeeder.Format(rows.Movements)} movements, {NurserySeeder.Format(rows.Sessions)} photo sessions on PostgreSQL (seeded and projected in {seeding.TotalMinutes:0.0} min); " +
                $"wrk at {rate} requests/s for {seconds} s per route after {seconds / 2} s at the same rate, {Environment.ProcessorCount} cores shared with wrk");

            // A fresh token: the runs take a few minutes of its fifteen.
            var token = await Shared.LoginAsync(http);
            var claros = string.Join(',', seeded.Claros);
            var warehouses = string.Join(',', seeded.Warehouses);
            var routes = new (string Name, string Path, string Ids)[]
            {
                ("GET /health/live (baseline)", "/health/live", string.Empty),
                ("GET /api/v1/stock/batches?storageLocationId=", "/api/v1/stock/batches?storageLocationId={id}", claros),
                ("GET /api/v1/storage-locations/{id}/stock", "/api/v1/storage-locations/{id}/stock", claros),
                ("GET /api/v1/map/warehouses/{id}", "/api/v1/map/warehouses/{id}", warehouses),
                ("GET /api/v1/map/warehouses", "/api/v1/map/warehouses", string.Empty),
            };
            var results = new List<(string Name, WrkResult Result)>();
            foreach (var (name, path, ids) in routes)
            {
                // The warm-up also tells how long a request takes here: enough connections for the rate are opened from it.
                var connections = (int)Math.Round(rate * (PauseMs + 1) / 1000.0);
                var warm = await WrkAsync(port, token, path, ids, connections, Math.Max(5, seconds / 2));
                connections = Math.Max(1, (int)Math.Ceiling(connections * rate / Math.Max(1, warm.PerSecond)));
                results.Add((name, await WrkAsync(port, token, path, ids, connections, seconds)));
            }

            var baseline = results[0].Result;
            Console.WriteLine();
            Console.WriteLine("| route | requests/s | p50 (ms) | p95 (ms) | p99 (ms) | errors | p95 ratio to baseline |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var (name, r) in results)
            {
                Console.WriteLine($"| {name} | {Shared.F(r.PerSecond)} | {Shared.F(r.P50, "0.00")} | {Shared.F(r.P95, "0.00")} | {Shared.F(r.P99, "0.00")} | {r.Errors} | {Shared.F(r.P95 / baseline.P95, "0.0")} |");
            }
        }
        finally
        {
            await Shared.StopAsync(api);
            await BenchDatabase.DropAsync(maintenance, connection);
        }

        return 0;
    }

    private sealed record WrkResult(double PerSecond, double P50, double P95, double P99, long Errors);

    private const int PauseMs = 10;

    private static async Task<WrkResult> WrkAsync(int port, string token, string path, string ids, int connections, int seconds)
    {
        using var script = new TempDir();
        var file = Path.Combine(script.Path, "reads.lua");
        await File.WriteAllTextAsync(file, Script);
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "5s", "-s", file, "-H", $"Authorization: Bearer {token}", $"http://127.0.0.1:{port}" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DEMETER_IDS"] = ids;
        info.Environment["DEMETER_PATH"] = path;
        info.Environment["DEMETER_PAUSE_MS"] = PauseMs.ToString(CultureInfo.InvariantCulture);
        using var wrk = Process.Start(info) ?? throw new InvalidOperationException("Could not start wrk.");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"wrk printed no result: {output}\n{errors}");
        var f = line.Split(' ');
        double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
        return new WrkResult(D(1) / (D(2) / 1_000_000), D(3) / 1000, D(4) / 1000, D(5) / 1000, long.Parse(f[6], CultureInfo.InvariantCulture));
    }

    private static async Task WaitProjectedAsync(string connection, NurserySeeder.Seeded seeded, TextWriter log)
    {
        var deadline = DateTime.UtcNow.AddMinutes(60);
        while (true)
        {
            var movements = await ScalarAsync(connection, "SELECT COUNT(*) FROM stock_movements");
            var sessions = await ScalarAsync(connection, "SELECT COUNT(*) FROM photo_sessions WHERE status = 'Completed'");
            if (movements >= seeded.Movements && sessions >= seeded.Sessions)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The read model holds {movements} movements and {sessions} sessions after an hour.");
            }

            log.WriteLine($"seed: projected {movements} of {seeded.Movements} movements, {sessions} of {seeded.Sessions} sessions");
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<long> ScalarAsync(string connection, string sql)
    {
        await using var c = new NpgsqlConnection(connection);
        await c.OpenAsync();
        await using var command = new NpgsqlCommand(sql, c);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == "42P01")
        {
            // The read model's tables appear with the projector's first write.
            return 0;
        }
    }
}
