using System.Globalization;
using System.Net.Http.Json;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.StorageLocations;
using Demeter.TestSupport;

namespace Demeter.Bench;

/// <summary>
/// Fills a fresh database with a whole nursery: the real layout; plants in lots of every claro and a long history of
/// movements, both through the API's batch movement route (so the ledger is what the API would have booked); and a
/// history of completed photo sessions, written straight into the journal as the sessions' own events (a real
/// session needs a photo counted by the inference role, seconds each: a hundred thousand would take a day).
/// The read model is then the projector's, from those events.
/// </summary>
internal static class NurserySeeder
{
    public sealed record Sizes(int Plants, int Movements, int Sessions, int LotsPerClaro);

    public sealed record Seeded(IReadOnlyList<int> Claros, IReadOnlyList<int> Warehouses, long Movements, long Sessions);

    public static async Task<Seeded> SeedAsync(HttpClient http, string root, string connection, string dataDirectory, Sizes sizes, TextWriter log)
    {
        await Shared.ImportLayoutAsync(http, Path.Combine(root, "..", "shared", "data", "nursery"));
        var layout = Demeter.Domain.Layout.LayoutParser.Parse(
            File.ReadAllText(Path.Combine(root, "..", "shared", "data", "nursery", "naves.geojson")),
            File.ReadAllText(Path.Combine(root, "..", "shared", "data", "nursery", "canteros.geojson")),
            File.ReadAllText(Path.Combine(root, "..", "shared", "data", "nursery", "claros.geojson"))).Document!;
        var claros = layout.StorageLocations.Select(l => l.Id).ToList();
        var warehouses = layout.Warehouses.Select(w => w.Id).ToList();

        var lots = claros.SelectMany(c => Enumerable.Range(1, sizes.LotsPerClaro).Select(p => (Claro: c, Product: p))).ToList();
        var perLot = Math.Max(1, (sizes.Movements + lots.Count - 1) / lots.Count);
        var opening = Math.Max(2, sizes.Plants / lots.Count);
        log.WriteLine($"seed: {lots.Count} lots, {perLot} movements each (the first plants {opening}), then {sizes.Sessions} photo sessions");

        // Each lot's history in order: the planting that opens it, then deaths and replantings of one plant that leave it as planted.
        var movements = 0L;
        // Whole lots per request (at most 500 movements): the API books one lot's movements in the order given.
        if (perLot > 500)
        {
            throw new ArgumentException($"{perLot} movements per lot do not fit one request of 500; ask for more lots per claro.");
        }

        var chunks = lots.Chunk(Math.Max(1, 500 / perLot)).ToList();
        var done = 0;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (chunk, ct) =>
        {
            var body = chunk.SelectMany(lot => Enumerable.Range(0, perLot).Select(i => new
            {
                movementId = Guid.NewGuid(),
                storageLocationId = lot.Claro,
                productId = lot.Product,
                type = i == 0 ? "plantar" : i % 2 == 1 ? "muerte" : "plantar",
                quantity = i == 0 ? opening : 1,
            })).ToArray();
            using var response = await http.PostAsJsonAsync("api/v1/stock/movements", body, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode != 207 || text.Contains("\"rejected\":", StringComparison.Ordinal) && !text.Contains("\"rejected\":0", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Seeding movements answered {(int)response.StatusCode}: {text[..Math.Min(500, text.Length)]}");
            }

            Interlocked.Add(ref movements, body.Length);
            if (Interlocked.Increment(ref done) % 200 == 0)
            {
                log.WriteLine($"seed: {Interlocked.Read(ref movements)} movements booked");
            }
        });

        await WriteSessionsAsync(connection, dataDirectory, claros, sizes.Sessions, log);
        return new Seeded(claros, warehouses, movements, sizes.Sessions);
    }

    /// <summary>Completed sessions, spread over the claros and, for each claro, one a week back from now.</summary>
    private static async Task WriteSessionsAsync(string connection, string dataDirectory, IReadOnlyList<int> claros, int sessions, TextWriter log)
    {
        var node = new NodeSettings(dataDirectory, new DatabaseSettings(DatabaseProvider.PostgreSql, connection), [NodeRoles.Api], "127.0.0.1", 0, [], null, null);
        await using var journals = await JournalActorSystem.StartAsync(node, "seed");
        var system = journals.System;
        var now = DateTimeOffset.UtcNow;
        const int Wave = 10_000;
        for (var start = 0; start < sessions; start += Wave)
        {
            var wave = Enumerable.Range(start, Math.Min(Wave, sessions - start)).Select(i =>
            {
                var claro = claros[i % claros.Count];
                var capturedAt = now.AddDays(-7 * ((i / claros.Count) + 1)).AddMinutes(i % 600);
                var id = Guid.NewGuid();
                return (PhotoSessionActor.PersistenceIdFor(id), (IReadOnlyList<object>)Events(id, claro, capturedAt, i));
            });
            await JournalStreamWriters.WriteAllAsync(system, wave, parallel: 500);
            log.WriteLine($"seed: {Math.Min(start + Wave, sessions)} photo sessions written");
        }
    }

    /// <summary>What a session that counted a claro's photo and booked it leaves in the journal.</summary>
    private static IPhotoSessionEvent[] Events(Guid id, int claro, DateTimeOffset capturedAt, int seed)
    {
        var counted = 300 + (seed % 300);
        var detected = counted * 9 / 10;
        var at = capturedAt.AddMinutes(5);
        var photo = new PhotoRef(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(id.ToByteArray())).ToLowerInvariant(), "image/jpeg", 4_200_000, 4000, 3000);
        var result = new PhotoCountResult(
            detected, counted - detected, 48, 0.71, new PhotoTimings(180, 2400, 3100), "builtin-plant-detector-v1", new string('0', 64),
            Confidence: seed % 5 == 0 ? "medium" : "high", Warnings: [], Segmenter: "builtin");
        var booking = new PhotoCountBooking(PhotoCountStatus.Booked, capturedAt, counted, counted, 0, 0, 0, "seeded history", []);
        return
        [
            new PhotoSessionStarted(id, photo, claro, null, null, new CaptureTime(capturedAt, CaptureTimeSource.Client, null), "seed", capturedAt.AddMinutes(1)),
            new PhotoProcessingStarted(id, 48, capturedAt.AddMinutes(2)),
            new PhotoSessionCounted(id, result, at),
            new PhotoSessionCompleted(id, booking, at.AddSeconds(2)),
        ];
    }

    public static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
