using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Analytics;

/// <summary>Stock and movement analyses against the catalog's prices, and the streamed CSV and GeoJSON exports.</summary>
public sealed class AnalyticsAndExportTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Stock_is_grouped_valued_and_followed_over_time_and_exports_stream_what_the_ledger_holds(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "analytics");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        foreach (var (route, file) in new[] { ("products", "product_categories.csv"), ("prices", "price_list.csv") })
        {
            using var response = await client.PostAsync($"/api/v1/catalog/imports/{route}", Forms.Upload(await File.ReadAllBytesAsync(Nursery.DataFile(file)), file, "text/csv"));
            await response.JsonAsync(HttpStatusCode.OK);
        }

        // Haworthia resendeana in a gold rigid 5: a succulent in R5D, priced at 878 the unit ("S R5 D-2").
        var product = (await client.GetFromJsonAsync<JsonNode>("/api/v1/products?q=haworthia resendeana"))!["items"]!.AsArray().Single(p => p!.Str("commonName") == "Haworthia resendeana")!;
        var packaging = (await client.GetFromJsonAsync<JsonNode>("/api/v1/packaging?q=R5D"))!["items"]!.AsArray().Single(p => p!.Str("sku") == "R5D")!;
        var (a, b) = (Nursery.ClaroAt(30), Nursery.ClaroAt(31));
        var first = await InitAsync(client, a.Id, 100, product.Int("id"), packaging.Int("id"));
        await InitAsync(client, b.Id, 40, product.Int("id"), packaging.Int("id"));
        await Ledger.MoveAsync(client, first, "muerte", 10);
        await Ledger.MoveAsync(client, first, "ajuste", -5, reason: "=HYPERLINK(\"http://evil.example\")");

        var byCategory = await GetAsync(client, "/api/v1/analytics/stock?groupBy=category");
        var group = byCategory["groups"]!.AsArray().Single()!;
        Assert.Equal(("Suculentas", 125, 2), (group.Str("label"), group.Int("plants"), group.Int("batches")));
        Assert.Equal(125 * 878, group["value"]!.GetValue<decimal>());
        Assert.Equal(125, byCategory["total"]!.Int("plants"));
        var byClaro = await GetAsync(client, $"/api/v1/analytics/stock?groupBy=storage_location&warehouseId={a.WarehouseId}");
        Assert.Contains(byClaro["groups"]!.AsArray(), g => g!.Str("key") == a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && g!.Int("plants") == 85);

        var from = DateTimeOffset.UtcNow.AddDays(-3).ToString("yyyy-MM-dd'T'00:00:00'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var history = await GetAsync(client, $"/api/v1/analytics/stock/history?groupBy=storage_location&from={from}&interval=day&storageLocationId={a.Id}");
        var points = history["series"]!.AsArray().Single()!["points"]!.AsArray();
        Assert.Equal((0, 85), (points[0]!.Int("plants"), points[^1]!.Int("plants")));
        var movements = await GetAsync(client, $"/api/v1/analytics/movements?from={from}&storageLocationId={a.Id}");
        var types = movements["rows"]!.AsArray().Select(r => (r!.Str("type"), r!.Int("plantsIn"), r!.Int("plantsOut"))).Order().ToList();
        Assert.Equal([("ajuste", 0, 5), ("manual_init", 100, 0), ("muerte", 0, 10)], types);

        foreach (var bad in new[] { "stock?groupBy=colour", "stock?warehouseId=-1", "stock/history?interval=hour", "stock/history?from=2020-01-01T00:00:00Z&interval=day", "movements?from=2030-01-01T00:00:00Z&to=2029-01-01T00:00:00Z" })
        {
            using var refused = await client.GetAsync($"/api/v1/analytics/{bad}");
            await refused.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using var stock = await client.GetAsync("/api/v1/exports/stock.csv");
        Assert.Equal("text/csv", stock.Content.Headers.ContentType?.MediaType);
        var lines = (await stock.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("batch_id,code,warehouse", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains("Haworthia resendeana", StringComparison.Ordinal) && l.Contains(",85,", StringComparison.Ordinal));

        var deaths = await (await client.GetAsync($"/api/v1/exports/movements.csv?type=muerte&storageLocationId={a.Id}")).Content.ReadAsStringAsync();
        Assert.Equal(2, deaths.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var all = await (await client.GetAsync($"/api/v1/exports/movements.csv?storageLocationId={a.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", all, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", all, StringComparison.Ordinal);

        using var geo = await client.GetAsync("/api/v1/exports/storage-locations.geojson");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        var collection = JsonNode.Parse(await geo.Content.ReadAsStringAsync())!;
        Assert.Equal(Nursery.StorageLocations, collection["features"]!.AsArray().Count);
        Assert.Equal(85, collection["features"]!.AsArray().Single(f => f!.Int("id") == a.Id)!["properties"]!.Int("plants"));
        Assert.Equal("Polygon", collection["features"]!.AsArray()[0]!["geometry"]!.Str("type"));
    }

    private static async Task<string> InitAsync(HttpClient client, int claro, int quantity, int productId, int packagingId)
    {
        using var response = await client.PostAsJsonAsync(
            "/api/v1/stock/manual-init", new { movementId = Guid.NewGuid(), storageLocationId = claro, productId, packagingId, quantity });
        return (await response.JsonAsync(HttpStatusCode.Created)).Str("batchId");
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string url) => await (await client.GetAsync(url)).JsonAsync(HttpStatusCode.OK);
}
