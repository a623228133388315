using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Map;

/// <summary>The map views as GeoJSON, a claro's history by period, and the photo gallery with its filters and soft delete.</summary>
public sealed class MapAndGalleryTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_map_shows_each_claros_stock_latest_count_and_trend_and_its_history_by_period(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "map");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var claro = Nursery.ClaroAt(10);
        var neighbour = Nursery.Layout.StorageLocations.First(l => l.WarehouseId == claro.WarehouseId && l.Id != claro.Id);
        var batch = await Ledger.InitAsync(client, neighbour.Id, 120);
        var first = await UploadAsync(client, claro.Id, seed: 301);
        var death = await Ledger.MoveAsync(client, batch, "muerte", 20);
        Assert.Equal(100, death.Int("quantity"));
        await Task.Delay(50);
        var second = await UploadAsync(client, claro.Id, seed: 302, plants: 35);

        var warehouses = await GeoJsonAsync(client, "/api/v1/map/warehouses");
        Assert.Equal("FeatureCollection", warehouses.Str("type"));
        Assert.Equal(Nursery.Warehouses, warehouses["features"]!.AsArray().Count);
        var warehouse = warehouses["features"]!.AsArray().Single(f => f!.Int("id") == claro.WarehouseId)!;
        Assert.Equal(("Feature", "Polygon"), (warehouse.Str("type"), warehouse["geometry"]!.Str("type")));
        Assert.Equal(100 + second.Int("total"), warehouse["properties"]!.Int("plants"));
        Assert.Equal(Nursery.Layout.StorageLocations.Count(l => l.WarehouseId == claro.WarehouseId), warehouse["properties"]!.Int("storageLocations"));
        Assert.NotNull(warehouse["properties"]!["lastPhotoAt"]);

        var inside = await GeoJsonAsync(client, $"/api/v1/map/warehouses/{claro.WarehouseId}");
        var features = inside["features"]!.AsArray().Select(f => f!).ToList();
        Assert.Equal(2, features.Count(f => f["properties"]!.Str("kind") == "storage_area"));
        var card = features.Single(f => f.Int("id") == claro.Id)["properties"]!;
        Assert.Equal(second.Str("sessionId"), card["latestCount"]!.Str("sessionId"));
        Assert.Equal((second.Int("total"), first.Int("total")), (card["latestCount"]!.Int("total"), card.Int("previousTotal")));
        Assert.Equal(second.Int("total") - first.Int("total"), card.Int("change"));
        Assert.Equal("down", card.Str("trend"));
        Assert.StartsWith("/api/v1/photo-sessions/", card["latestCount"]!.Str("thumbnailUrl"), StringComparison.Ordinal);
        Assert.NotNull(card["latestCount"]!["quality"]!["grade"]);

        // A write is on the map at once (the rendered view is per state of the read model).
        await Ledger.MoveAsync(client, batch, "muerte", 5);
        var after = await GeoJsonAsync(client, $"/api/v1/map/warehouses/{claro.WarehouseId}");
        Assert.Equal(95, after["features"]!.AsArray().Single(f => f!.Int("id") == neighbour.Id)!["properties"]!.Int("plants"));

        var detail = await GeoJsonAsync(client, $"/api/v1/map/storage-locations/{neighbour.Id}");
        Assert.Equal(95, detail["properties"]!["batches"]!.AsArray().Single()!.Int("quantity"));
        using (var none = await client.GetAsync("/api/v1/map/storage-locations/999999"))
        {
            await none.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var noWarehouse = await client.GetAsync("/api/v1/map/warehouses/999999"))
        {
            await noWarehouse.ProblemAsync(HttpStatusCode.NotFound, "warehouse-not-found");
        }

        var neighbourHistory = await (await client.GetAsync($"/api/v1/storage-locations/{neighbour.Id}/timeline")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, neighbourHistory.Int("total"));
        var history = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}/timeline")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, history.Int("total"));
        var latest = history["items"]!.AsArray()[0]!;
        Assert.Equal((first.Int("total"), second.Int("total")), (latest.Int("initialQuantity"), latest.Int("finalQuantity")));
        Assert.Equal(second.Int("total") - first.Int("total"), latest.Int("netChange"));
        Assert.Null(history["items"]!.AsArray()[1]!["periodStart"]);
    }

    [Fact]
    public async Task The_gallery_filters_sessions_and_a_soft_delete_hides_one_keeps_its_count_and_says_who()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "gallery");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var claro = Nursery.ClaroAt(20);
        var kept = await UploadAsync(client, claro.Id, seed: 401);
        var hidden = await UploadAsync(client, claro.Id, seed: 402);
        var elsewhere = await UploadAsync(client, Nursery.ClaroAt(900).Id, seed: 403);

        var mine = await GalleryAsync(client, $"storageLocationId={claro.Id}");
        Assert.Equal(2, mine.Int("total"));
        Assert.Equal(hidden.Str("sessionId"), mine["items"]!.AsArray()[0]!.Str("sessionId"));
        Assert.Equal(1, (await GalleryAsync(client, $"warehouseId={Nursery.ClaroAt(900).WarehouseId}&status=completed")).Int("total"));
        var sessions = new[] { kept, hidden, elsewhere };
        Assert.Equal(sessions.Count(s => s["warnings"]!.AsArray().Count == 0), (await GalleryAsync(client, "warning=none")).Int("total"));
        Assert.Equal(sessions.Count(s => s["warnings"]!.AsArray().Count > 0), (await GalleryAsync(client, "warning=any")).Int("total"));
        Assert.Equal(
            sessions.Count(s => s["warnings"]!.AsArray().Any(w => w!.GetValue<string>() == "needs_calibration")),
            (await GalleryAsync(client, "warning=needs_calibration")).Int("total"));
        Assert.Equal(0, (await GalleryAsync(client, "from=2100-01-01T00:00:00Z")).Int("total"));
        foreach (var bad in new[] { "status=lost", "storageLocationId=0", "warning=DROP TABLE", "deleted=maybe", "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from=yesterday" })
        {
            using var refused = await client.GetAsync($"/api/v1/photo-sessions?{bad}");
            await refused.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using var supervisor = await host.ClientAsAsync("gallery-supervisor", "supervisor");
        var ids = new[] { hidden.Str("sessionId"), Guid.NewGuid().ToString() };
        using (var deleted = await supervisor.PostAsJsonAsync("/api/v1/photo-sessions/deletions", new { sessionIds = ids, reason = "blurred photo" }))
        {
            var answer = await deleted.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(1, answer.Int("deleted"));
            Assert.Equal(["deleted", "not_found"], answer["sessions"]!.AsArray().Select(s => s!.Str("outcome")));
        }

        using (var again = await supervisor.PostAsJsonAsync("/api/v1/photo-sessions/deletions", new { sessionIds = ids.Take(1) }))
        {
            Assert.Equal("already_deleted", (await again.JsonAsync(HttpStatusCode.OK))["sessions"]!.AsArray()[0]!.Str("outcome"));
        }

        foreach (var body in new object[] { new { sessionIds = Array.Empty<Guid>() }, new { sessionIds = ids, reason = new string('x', 501) }, new { reason = "none" } })
        {
            using var refused = await supervisor.PostAsJsonAsync("/api/v1/photo-sessions/deletions", body);
            await refused.ProblemAsync(HttpStatusCode.BadRequest);
        }

        var shown = await GalleryAsync(client, $"storageLocationId={claro.Id}");
        Assert.Equal(kept.Str("sessionId"), shown["items"]!.AsArray().Single()!.Str("sessionId"));
        var trash = await GalleryAsync(client, "deleted=true");
        var gone = trash["items"]!.AsArray().Single()!;
        Assert.Equal(("gallery-supervisor", "blurred photo"), (gone["deleted"]!.Str("by"), gone["deleted"]!.Str("reason")));
        Assert.Equal(3, (await GalleryAsync(client, "deleted=all")).Int("total"));

        // The count stays booked; the session itself refuses what would change it.
        var session = await client.EventuallyGetAsync($"/api/v1/photo-sessions/{hidden.Str("sessionId")}", s => s["deleted"] is not null);
        Assert.Equal("completed", session.Str("status"));
        using (var validate = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{hidden.Str("sessionId")}/validation", new { validatedCount = 10 }))
        {
            await validate.ProblemAsync(HttpStatusCode.Conflict);
        }

        var card = (await GeoJsonAsync(client, $"/api/v1/map/warehouses/{claro.WarehouseId}"))["features"]!.AsArray().Single(f => f!.Int("id") == claro.Id)!["properties"]!;
        Assert.Equal(kept.Str("sessionId"), card["latestCount"]!.Str("sessionId"));
        Assert.Null(card["previousTotal"]);
        Assert.NotEqual(elsewhere.Str("sessionId"), card["latestCount"]!.Str("sessionId"));
    }

    private static async Task<JsonNode> UploadAsync(HttpClient client, int claroId, int seed, int plants = TrayPhotos.Plants)
    {
        var id = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed, plants: plants), ("storageLocationId", claroId.ToString(CultureInfo.InvariantCulture)));
        return await PhotoUploadTests.WaitFinishedAsync(client, id);
    }

    private static async Task<JsonNode> GeoJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body)!;
    }

    private static async Task<JsonNode> GalleryAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"/api/v1/photo-sessions?{query}")).JsonAsync(HttpStatusCode.OK);
}
