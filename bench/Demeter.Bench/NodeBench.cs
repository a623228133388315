using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Stock;
using Demeter.Cluster.StorageLocations;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using Demeter.TestSupport;

namespace Demeter.Bench;

/// <summary>
/// The memory and cold start of a domain node holding the whole nursery: every claro of the real layout with its lots,
/// the plants and the movement history written into the journal as the claros and batches decide them. An api + domain
/// node (no projector: its work is not the domain node's) starts on that journal; the bench times it to healthy and to
/// its first entity answer, wakes every claro and every batch through the API, checks that the batches add up to the
/// plants seeded, and reads the process's resident memory. The same node on the layout alone, measured first in the
/// same run, is the baseline.
/// </summary>
internal static class NodeBench
{
    private sealed record Lot(int Claro, int Product, Guid BatchId, int Plants);

    private sealed record Run(double HealthySeconds, double FirstAnswerSeconds, double WakeSeconds, long RssBytes, long PeakRssBytes, long Plants);

    public static async Task<int> RunAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable("DEMETER_BENCH_PG") is not { Length: > 0 } maintenance)
        {
            Console.Error.WriteLine("node: DEMETER_BENCH_PG is not set; run it with ./build.sh bench node (it starts a durable PostgreSQL).");
            return 2;
        }

        int Get(string name, int fallback) => BenchOptions.IntArg(args, name, fallback);

        var plants = Get("--nursery-plants", 600_000);
        var movements = Get("--nursery-movements", 1_000_000);
        var lotsPerClaro = Get("--lots-per-claro", 3);
        var root = RepoRoot.Find();
        var connection = await BenchDatabase.CreateAsync(maintenance, "node");
        using var data = new TempDir();
        try
        {
            var claros = await ImportLayoutAsync(root, connection, data.Path);
            var lots = claros.SelectMany(c => Enumerable.Range(1, lotsPerClaro).Select(p => (Claro: c, Product: p))).ToList();
            Console.WriteLine($"node: {claros.Count} claros, {lots.Count} lots, {plants:N0} plants, {movements:N0} movements; durable PostgreSQL");

            var baseline = await MeasureAsync(connection, data.Path, claros, []);
            var seeding = Stopwatch.StartNew();
            var (seeded, events) = await SeedAsync(connection, data.Path, lots, plants, movements);
            Console.WriteLine($"node: {events:N0} events written in {seeding.Elapsed.TotalSeconds:0} s");
            await BenchDatabase.CheckpointAsync(maintenance);

            var nursery = await MeasureAsync(connection, data.Path, claros, seeded);
            if (nursery.Plants != plants)
            {
                Console.Error.WriteLine($"node: the batches hold {nursery.Plants:N0} plants after the cold start, not the {plants:N0} seeded.");
                return 1;
            }

            Console.WriteLine();
            Console.WriteLine("| node (api + domain) | healthy (s) | first entity answer (s) | wake every claro and batch (s) | RSS (MB) | peak RSS (MB) |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Row("layout only (baseline)", baseline);
            Row($"whole nursery: {lots.Count:N0} batches, {plants:N0} plants, {movements:N0} movements", nursery);
            Console.WriteLine(
                $"| whole ÷ baseline | {Ratio(nursery.HealthySeconds, baseline.HealthySeconds)} | {Ratio(nursery.FirstAnswerSeconds, baseline.FirstAnswerSeconds)} | " +
                $"{Ratio(nursery.WakeSeconds, baseline.WakeSeconds)} | {Ratio(nursery.RssBytes, baseline.RssBytes)} | {Ratio(nursery.PeakRssBytes, baseline.PeakRssBytes)} |");
            Console.WriteLine();
            var rssOk = nursery.PeakRssBytes <= 1L << 30;
            var startOk = nursery.FirstAnswerSeconds <= 10;
            Console.WriteLine($"targets: peak RSS <= 1 GB: {(rssOk ? "met" : "NOT met")}; cold start to the first entity answer <= 10 s: {(startOk ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            await BenchDatabase.DropAsync(maintenance, connection);
        }
    }

    /// <summary>The real layout, imported through the API of a full node (projector included), so the read model knows the claros.</summary>
    private static async Task<IReadOnlyList<int>> ImportLayoutAsync(string root, string connection, string data)
    {
        var port = Shared.FreePort();
        using var api = Shared.StartApi(port, data, "--db-provider", "postgresql", "--db-connection", connection);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await Shared.WaitHealthyAsync(http);
            var folder = Path.Combine(root, "..", "shared", "data", "nursery");
            await Shared.ImportLayoutAsync(http, folder);
            var layout = Demeter.Domain.Layout.LayoutParser.Parse(
                File.ReadAllText(Path.Combine(folder, "naves.geojson")),
                File.ReadAllText(Path.Combine(folder, "canteros.geojson")),
                File.ReadAllText(Path.Combine(folder, "claros.geojson"))).Document!;
            return layout.StorageLocations.Select(l => l.Id).ToList();
        }
        finally
        {
            await Shared.StopAsync(api);
        }
    }

    /// <summary>
    /// Each lot's history as the claro and the batch decide it: the claro opens the lot for the first planting (its bin,
    /// the batch, the routed movement), the batch books it and then deaths and replantings of one plant, in time order
    /// over the past year. Lots get the plants and movements as evenly as whole numbers allow.
    /// </summary>
    private static async Task<(IReadOnlyList<Lot> Lots, long Events)> SeedAsync(
        string connection, string data, IReadOnlyList<(int Claro, int Product)> keys, int plants, int movements)
    {
        var details = new MovementDetails("seed", MovementSource.Manual);
        var start = DateTimeOffset.UtcNow.AddDays(-365);
        var lots = new List<Lot>();
        var streams = new List<(string, IReadOnlyList<object>)>();
        foreach (var claro in keys.GroupBy(k => k.Claro))
        {
            var location = StorageLocationState.Empty(claro.Key);
            var locationEvents = new List<object>();
            foreach (var (_, product) in claro)
            {
                var index = lots.Count;
                var lotPlants = (plants / keys.Count) + (index < plants % keys.Count ? 1 : 0);
                var lotMovements = Math.Max(1, (movements / keys.Count) + (index < movements % keys.Count ? 1 : 0));
                var at = start.AddMinutes(index);

                // An odd number of later movements starts with one death, so the lot still ends at its plants.
                var later = lotMovements - 1;
                var first = new BookMovementByKey(
                    claro.Key, Guid.NewGuid(), MovementType.Plantar, lotPlants + (later % 2), at, new BatchKeyRequest(product, null, null, null, null), details,
                    Guid.NewGuid(), Guid.NewGuid());
                location = Apply(location, StorageLocationDecider.Decide(location, first), StorageLocationDecider.Evolve, locationEvents);
                var open = StorageLocationDecider.RouteByKey(location, first) ?? throw new InvalidOperationException($"Claro {claro.Key} did not route its first planting.");

                var batch = StockBatchState.Empty(open.BatchId);
                var batchEvents = new List<object>();
                batch = Apply(batch, StockBatchDecider.Decide(batch, open), StockBatchDecider.Evolve, batchEvents);
                location = Apply(
                    location,
                    StorageLocationDecider.Decide(location, new RecordMovementRouted(claro.Key, first.MovementId, StorageLocationDecider.FingerprintOf(first), open.BatchId, first.Type, at)),
                    StorageLocationDecider.Evolve,
                    locationEvents);
                for (var i = 0; i < later; i++)
                {
                    var odd = later % 2;
                    var type = (odd == 1 && i == 0) || (i - odd) % 2 == 0 ? MovementType.Muerte : MovementType.Plantar;
                    var movement = new RecordMovement(open.BatchId, Guid.NewGuid(), type, 1, at.AddMinutes(5 * (i + 1)), details);
                    batch = Apply(batch, StockBatchDecider.Decide(batch, movement), StockBatchDecider.Evolve, batchEvents);
                }

                if (batch.Quantity != lotPlants)
                {
                    throw new InvalidOperationException($"Lot {claro.Key}/{product} holds {batch.Quantity}, not {lotPlants}.");
                }

                streams.Add((StockBatchActor.PersistenceIdFor(open.BatchId), batchEvents));
                lots.Add(new Lot(claro.Key, product, open.BatchId, lotPlants));
            }

            streams.Add((StorageLocationActor.PersistenceIdFor(claro.Key), locationEvents));
        }

        await using var journals = await JournalActorSystem.StartAsync(
            new NodeSettings(data, new DatabaseSettings(DatabaseProvider.PostgreSql, connection), [NodeRoles.Domain], "127.0.0.1", 0, [], null, null), "seed");
        await JournalStreamWriters.WriteAllAsync(journals.System, streams, parallel: 64);
        return (lots, streams.Sum(s => (long)s.Item2.Count));
    }

    private static TState Apply<TState, TEvent>(TState state, Decision<TEvent> decision, Func<TState, TEvent, TState> evolve, List<object> written)
    {
        if (decision.Rejection is { } rejection)
        {
            throw new InvalidOperationException($"The seed's own history was rejected: {rejection.Code} {rejection.Reason}");
        }

        foreach (var e in decision.Events)
        {
            state = evolve(state, e);
            written.Add(e!);
        }

        return state;
    }

    /// <summary>
    /// Starts an api + domain node, times it to healthy and to its first entity answer, wakes every claro (a death and a
    /// replanting of one plant in its first lot, booked by key: the claro and the batch both recover) and reads every
    /// batch from its entity (the read model holds no batches, and no projector runs), then reads its memory.
    /// </summary>
    private static async Task<Run> MeasureAsync(string connection, string data, IReadOnlyList<int> claros, IReadOnlyList<Lot> lots)
    {
        var port = Shared.FreePort();
        var clock = Stopwatch.StartNew();
        using var api = Shared.StartApi(
            port, data, "--roles", "api,domain", "--db-provider", "postgresql", "--db-connection", connection, "--Demeter:hocon", "demeter.projection.read-wait = 0s");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(2) };
            await Shared.WaitHealthyAsync(http);
            var healthy = clock.Elapsed.TotalSeconds;
            var probe = lots.Count > 0 ? lots[0].BatchId : Guid.NewGuid();
            using (var first = await http.GetAsync($"api/v1/stock/batches/{probe}"))
            {
                if (first.StatusCode != (lots.Count > 0 ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    throw new InvalidOperationException($"The first batch read answered {(int)first.StatusCode}: {await first.Content.ReadAsStringAsync()}");
                }
            }

            var answered = clock.Elapsed.TotalSeconds;
            var wake = Stopwatch.StartNew();
            var byClaro = lots.GroupBy(l => l.Claro).ToDictionary(g => g.Key, g => g.First());
            await Parallel.ForEachAsync(claros, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (claro, ct) =>
            {
                if (!byClaro.TryGetValue(claro, out var lot))
                {
                    return;
                }

                var body = new[] { "muerte", "plantar" }.Select(type => new { movementId = Guid.NewGuid(), storageLocationId = claro, productId = lot.Product, type, quantity = 1 });
                using var response = await http.PostAsJsonAsync("api/v1/stock/movements", body, ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if ((int)response.StatusCode != 207 || text.Contains("\"rejected\":", StringComparison.Ordinal) && !text.Contains("\"rejected\":0", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Waking claro {claro} answered {(int)response.StatusCode}: {text[..Math.Min(400, text.Length)]}");
                }
            });
            var total = 0L;
            await Parallel.ForEachAsync(lots, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (lot, ct) =>
            {
                using var response = await http.GetAsync($"api/v1/stock/batches/{lot.BatchId}", ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"Batch {lot.BatchId} answered {(int)response.StatusCode}: {text}");
                }

                Interlocked.Add(ref total, JsonDocument.Parse(text).RootElement.GetProperty("quantity").GetInt64());
            });
            var woken = wake.Elapsed.TotalSeconds;
            var (rss, peak) = Memory(api.Id);
            return new Run(healthy, answered, woken, rss, peak, total);
        }
        finally
        {
            await Shared.StopAsync(api);
        }
    }

    /// <summary>The process's resident set now and at its peak (VmRSS, VmHWM), from /proc.</summary>
    private static (long Rss, long Peak) Memory(int pid)
    {
        long Field(string name) =>
            File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                .Select(l => long.Parse(l[(name.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024).First();
        return (Field("VmRSS"), Field("VmHWM"));
    }

    private static void Row(string name, Run run) =>
        Console.WriteLine(
            $"| {name} | {Shared.F(run.HealthySeconds, "0.0")} | {Shared.F(run.FirstAnswerSeconds, "0.0")} | {Shared.F(run.WakeSeconds, "0.0")} | " +
            $"{Shared.F(run.RssBytes / 1048576.0)} | {Shared.F(run.PeakRssBytes / 1048576.0)} |");

    /// <summary>The baseline wakes nothing (it has no lots): a ratio to a near-zero time would mean nothing.</summary>
    private static string Ratio(double value, double baseline) => baseline > 0.05 ? Shared.F(value / baseline, "0.00") : "–";
}
