using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Catalog;

/// <summary>The real product and price lists imported through HTTP, the catalog's CRUD and its refusals.</summary>
public sealed class CatalogApiTests
{
    private static string NurseryFile(string name) => Nursery.DataFile(name);

    private static async Task<JsonNode> ImportAsync(HttpClient client, string route, string file)
    {
        using var response = await client.PostAsync(route, Forms.Upload(await File.ReadAllBytesAsync(NurseryFile(file)), file, "text/csv"));
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.PostgreSql)]
    public async Task The_real_product_and_price_lists_import_line_by_line_and_a_second_run_changes_nothing(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "catalog-import");
        await using var host = await ApiHost.StartAsync(data);

        var products = await ImportAsync(host.Client, "/api/v1/catalog/imports/products", "product_categories.csv");
        Assert.Equal((458, 458, 0), (products.Int("lines"), products.Int("created"), products.Int("rejected")));
        var prices = await ImportAsync(host.Client, "/api/v1/catalog/imports/prices", "price_list.csv");
        Assert.Equal((91, 2, 6), (prices.Int("created"), prices.Int("rejected"), prices.Int("skipped")));
        var refused = prices["items"]!.AsArray().Where(i => i!.Str("outcome") == "rejected").Select(i => i!.Int("line")).ToList();
        Assert.Equal([56, 58], refused);

        var again = await ImportAsync(host.Client, "/api/v1/catalog/imports/products", "product_categories.csv");
        Assert.Equal((0, 458), (again.Int("created"), again.Int("unchanged")));
        var pricesAgain = await ImportAsync(host.Client, "/api/v1/catalog/imports/prices", "price_list.csv");
        Assert.Equal((0, 0, 91), (pricesAgain.Int("created"), pricesAgain.Int("updated"), pricesAgain.Int("unchanged")));

        // "$1.05" is 1,050: the list's '.' separates thousands.
        var entry = (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/price-list?q=C R5 D-2"))!["items"]!.AsArray().Single()!;
        Assert.Equal((1050, 45, 47250), (entry.Int("wholesaleUnitPrice"), entry.Int("unitsPerBox"), entry.Int("wholesaleBoxPrice")));
        var categories = (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/product-categories"))!["items"]!.AsArray().Select(c => c!.Str("code")).Order();
        Assert.Equal(["AGAVES", "CACTUS", "PIEDRA_FLUO", "PIEDRA_MATE", "SUCULENTAS"], categories);
        var haworthias = await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/products?q=haworthia resendeana");
        var resendeana = haworthias!["items"]!.AsArray().Single(p => p!.Str("commonName") == "Haworthia resendeana")!;
        Assert.StartsWith("HAWORTHIA-", resendeana.Str("sku"), StringComparison.Ordinal);
        var pots = await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/packaging?pageSize=500");
        var skus = pots!["items"]!.AsArray().Select(p => p!.Str("sku")).ToHashSet();
        Assert.True(resendeana["packagingIds"]!.AsArray().Count >= 1);
        Assert.Contains("R5D", skus);
        Assert.Contains("T11N", skus);
        Assert.Equal(11, (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/product-states"))!.Int("total"));

        // Every succulent price up 10 %: previewed first (nothing changes), then applied in one write.
        var succulents = (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/product-categories?q=SUCULENTAS"))!["items"]!.AsArray().Single()!.Int("id");
        using (var preview = await host.Client.PostAsJsonAsync("/api/v1/price-list/changes", new { categoryId = succulents, percent = 10, preview = true }))
        {
            var body = await preview.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(0, body.Int("changed"));
            var line = body["entries"]!.AsArray().Single(e => e!["before"]!.Str("sku") == "S R5 D-2")!;
            Assert.Equal((878, 965), (line["before"]!.Int("wholesaleUnitPrice"), line["after"]!.Int("wholesaleUnitPrice")));
        }

        Assert.Equal(878, (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/price-list?q=S R5 D-2"))!["items"]!.AsArray().Single()!.Int("wholesaleUnitPrice"));
        using (var applied = await host.Client.PostAsJsonAsync("/api/v1/price-list/changes", new { categoryId = succulents, percent = 10 }))
        {
            Assert.True((await applied.JsonAsync(HttpStatusCode.OK)).Int("changed") > 10);
        }

        Assert.Equal(965, (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/price-list?q=S R5 D-2"))!["items"]!.AsArray().Single()!.Int("wholesaleUnitPrice"));
        using (var toZero = await host.Client.PostAsJsonAsync("/api/v1/price-list/changes", new { categoryId = succulents, percent = -100 }))
        {
            await toZero.ProblemAsync(HttpStatusCode.BadRequest, "invalid-catalog-entry");
        }
    }

    [Fact]
    public async Task Catalog_writes_are_validated_unique_and_for_admins_and_a_used_entry_stays()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "catalog-crud");
        await using var host = await ApiHost.StartAsync(data);
        using var viewer = await host.ClientAsAsync("catalog-viewer", "viewer");

        using (var created = await host.Client.PostAsJsonAsync("/api/v1/product-categories", new { id = 77, code = "INJERTO", name = "Injertos" }))
        {
            var category = await created.JsonAsync(HttpStatusCode.Created);
            Assert.NotEqual(77, category.Int("id"));
            Assert.EndsWith($"/api/v1/product-categories/{category.Int("id")}", created.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        var id = (await host.Client.GetFromJsonAsync<JsonNode>("/api/v1/product-categories?q=injerto"))!["items"]!.AsArray().Single()!.Int("id");
        using (var family = await host.Client.PostAsJsonAsync("/api/v1/product-families", new { categoryId = id, name = "Gymnocalycium" }))
        {
            Assert.Equal(HttpStatusCode.Created, family.StatusCode);
        }

        foreach (var (url, body, status, code) in new (string, object, HttpStatusCode, string)[]
        {
            ("/api/v1/product-categories", new { code = "INJERTO", name = "Otra vez" }, HttpStatusCode.Conflict, "catalog-entry-exists"),
            ("/api/v1/product-categories", new { code = "injerto", name = "x" }, HttpStatusCode.BadRequest, "invalid-catalog-entry"),
            ("/api/v1/product-categories", new { code = "NUEVA", name = "a\u0000b" }, HttpStatusCode.BadRequest, "invalid-catalog-entry"),
            ("/api/v1/product-categories", new { code = "NUEVA" }, HttpStatusCode.BadRequest, "invalid-catalog-entry"),
            ("/api/v1/product-families", new { categoryId = 999, name = "Nada" }, HttpStatusCode.BadRequest, "unknown-reference"),
            ("/api/v1/products", new { familyId = 1, commonName = "Gymnocalycium x", packagingIds = new[] { 404 } }, HttpStatusCode.BadRequest, "unknown-reference"),
            ("/api/v1/price-list", new { sku = "X1", categoryId = id, packagingId = 1, wholesaleUnitPrice = -5, unitsPerBox = 1 }, HttpStatusCode.BadRequest, "invalid-catalog-entry"),
            ("/api/v1/product-sizes", new { code = "Q", name = "Odd", minHeightCm = 10, maxHeightCm = 5 }, HttpStatusCode.BadRequest, "invalid-catalog-entry"),
        })
        {
            using var response = await host.Client.PostAsJsonAsync(url, body);
            await response.ProblemAsync(status, code);
        }

        using (var wrongType = await host.Client.PostAsync("/api/v1/product-categories", new StringContent("{\"code\":5}", System.Text.Encoding.UTF8, "application/json")))
        {
            await wrongType.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var inUse = await host.Client.DeleteAsync($"/api/v1/product-categories/{id}"))
        {
            await inUse.ProblemAsync(HttpStatusCode.Conflict, "catalog-entry-in-use");
        }

        using (var missing = await host.Client.PutAsJsonAsync("/api/v1/product-categories/999", new { code = "NADA", name = "Nada" }))
        {
            await missing.ProblemAsync(HttpStatusCode.NotFound, "catalog-entry-not-found");
        }

        using (var forbidden = await viewer.PostAsJsonAsync("/api/v1/product-categories", new { code = "VIEWER", name = "No" }))
        {
            await forbidden.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
        }

        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/v1/product-categories/{id}")).StatusCode);
        Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM catalog_items WHERE kind = 'category' AND code IN ('VIEWER', 'NUEVA', 'NADA')"));
    }
}
