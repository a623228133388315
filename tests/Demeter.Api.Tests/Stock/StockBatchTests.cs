using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Stock;

/// <summary>POST /api/v1/stock-batches, POST .../{id}/movements and GET .../{id} over the imported real layout.</summary>
[Collection(ImportedLayoutCollection.Name)]
public sealed class StockBatchTests(ImportedLayoutHosts hosts)
{
    public const string BatchesUrl = "/api/v1/stock-batches";

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Batch_is_created_once_and_invalid_batches_are_rejected(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(400).Id;

        using (var created = await client.PostAsJsonAsync(BatchesUrl, new { storageLocationId = claro, quantity = 100, productId = 7 }))
        {
            var body = await created.JsonAsync(HttpStatusCode.Created);
            var batchId = body["batch"]!.Str("batchId");
            Assert.Equal($"{BatchesUrl}/{batchId}", created.Headers.Location?.OriginalString);
            Assert.False(body["alreadyApplied"]!.GetValue<bool>());
            Assert.Equal(100, body["batch"]!.Int("quantity"));
            Assert.Equal(claro, body["batch"]!.Int("storageLocationId"));

            var read = await client.EventuallyGetAsync($"{BatchesUrl}/{batchId}", b => b["batch"]!.Int("quantityCurrent") == 100);
            Assert.Equal(100, read["batch"]!.Int("quantityInitial"));
            Assert.Equal(7, read["batch"]!.Int("productId"));
            var movement = Assert.Single(read["movements"]!.AsArray())!;
            Assert.Equal("manual_init", movement.Str("type"));
            Assert.Equal(100, movement.Int("quantity"));
        }

        // A client that chooses the batch id can retry the creation safely; another creation under that id conflicts.
        var ownId = Guid.NewGuid();
        var request = new { batchId = ownId, storageLocationId = claro, quantity = 50 };
        using (var first = await client.PostAsJsonAsync(BatchesUrl, request))
        {
            await first.JsonAsync(HttpStatusCode.Created);
        }

        using (var retry = await client.PostAsJsonAsync(BatchesUrl, request))
        {
            var body = await retry.JsonAsync(HttpStatusCode.OK);
            Assert.True(body["alreadyApplied"]!.GetValue<bool>());
            Assert.Equal(50, body["batch"]!.Int("quantity"));
        }

        using (var conflict = await client.PostAsJsonAsync(BatchesUrl, new { batchId = ownId, storageLocationId = claro, quantity = 60, movementId = Guid.NewGuid() }))
        {
            await conflict.ProblemAsync(HttpStatusCode.Conflict, "batch-already-exists");
        }

        var rejected = new (string What, object Body, HttpStatusCode Status, string Code)[]
        {
            ("quantity 0", new { storageLocationId = claro, quantity = 0 }, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("negative quantity", new { storageLocationId = claro, quantity = -5 }, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("no quantity", new { storageLocationId = claro }, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("unknown storage location", new { storageLocationId = 999999, quantity = 10 }, HttpStatusCode.UnprocessableEntity, "unknown-storage-location"),
            ("no storage location", new { quantity = 10 }, HttpStatusCode.BadRequest, "invalid-request"),
        };
        foreach (var (what, body, status, code) in rejected)
        {
            using var response = await client.PostAsJsonAsync(BatchesUrl, body);
            await response.ProblemAsync(status, code, what);
        }

        // Only the two batches above were created in the claro.
        var stock = await client.EventuallyGetAsync($"/api/v1/storage-locations/{claro}/stock", s => s.Int("totalQuantity") == 150);
        Assert.Equal(2, stock["batches"]!.AsArray().Count);

        using (var unknown = await client.GetAsync($"{BatchesUrl}/{Guid.NewGuid()}"))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Movements_apply_once_and_never_take_a_batch_below_zero(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(401).Id;
        string batchUrl;
        using (var created = await client.PostAsJsonAsync(BatchesUrl, new { storageLocationId = claro, quantity = 100 }))
        {
            batchUrl = $"{BatchesUrl}/{(await created.JsonAsync(HttpStatusCode.Created))["batch"]!.Str("batchId")}";
        }

        var plantar = Guid.NewGuid();
        var first = await MoveAsync(client, batchUrl, new { movementId = plantar, type = "plantar", quantity = 5 }, HttpStatusCode.OK);
        Assert.False(first["alreadyApplied"]!.GetValue<bool>());
        Assert.Equal(105, first["batch"]!.Int("quantity"));

        var retried = await MoveAsync(client, batchUrl, new { movementId = plantar, type = "plantar", quantity = 5 }, HttpStatusCode.OK);
        Assert.True(retried["alreadyApplied"]!.GetValue<bool>());
        Assert.Equal(105, retried["batch"]!.Int("quantity"));

        var rejected = new (string What, object Body, HttpStatusCode Status, string Code)[]
        {
            ("muerte beyond the stock", new { movementId = Guid.NewGuid(), type = "muerte", quantity = 106 }, HttpStatusCode.UnprocessableEntity, "insufficient-stock"),
            ("unknown type", new { movementId = Guid.NewGuid(), type = "regalo", quantity = 1 }, HttpStatusCode.UnprocessableEntity, "unknown-movement-type"),
            ("quantity 0", new { movementId = Guid.NewGuid(), type = "plantar", quantity = 0 }, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("foto booked by hand", new { movementId = Guid.NewGuid(), type = "foto", quantity = 3 }, HttpStatusCode.UnprocessableEntity, "unsupported-movement"),
            ("no movementId", new { type = "plantar", quantity = 1 }, HttpStatusCode.BadRequest, "invalid-request"),
            ("no quantity", new { movementId = Guid.NewGuid(), type = "plantar" }, HttpStatusCode.BadRequest, "invalid-request"),
        };
        foreach (var (what, body, status, code) in rejected)
        {
            using var response = await client.PostAsJsonAsync($"{batchUrl}/movements", body);
            await response.ProblemAsync(status, code, what);
        }

        // The Spanish alias is accepted; the quantity is what the accepted movements made it.
        var alias = await MoveAsync(client, batchUrl, new { movementId = Guid.NewGuid(), type = "plantado", quantity = 3 }, HttpStatusCode.OK);
        Assert.Equal(108, alias["batch"]!.Int("quantity"));
        var death = await MoveAsync(client, batchUrl, new { movementId = Guid.NewGuid(), type = "muerte", quantity = 8, reason = "frost" }, HttpStatusCode.OK);
        Assert.Equal(100, death["batch"]!.Int("quantity"));

        using (var unknown = await client.PostAsJsonAsync($"{BatchesUrl}/{Guid.NewGuid()}/movements", new { movementId = Guid.NewGuid(), type = "plantar", quantity = 1 }))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        var read = await client.EventuallyGetAsync(batchUrl, b => b["movements"]!.AsArray().Count == 4 && b["batch"]!.Int("quantityCurrent") == 100);
        Assert.Equal(100, read["batch"]!.Int("quantityInitial"));
        Assert.Equal(8, read["batch"]!.Int("quantityEmptyContainers"));
        var movements = read["movements"]!.AsArray().Select(m => (m!.Str("type"), m!.Int("quantity"), m!.Int("quantityAfter"))).ToList();
        Assert.Equal([("manual_init", 100, 100), ("plantar", 5, 105), ("plantar", 3, 108), ("muerte", -8, 100)], movements);
        Assert.Equal(plantar, Guid.Parse(read["movements"]![1]!.Str("movementId")));
        Assert.Equal("frost", read["movements"]![3]!.Str("reason"));

        var stock = await client.EventuallyGetAsync($"/api/v1/storage-locations/{claro}/stock", s => s.Int("totalQuantity") == 100);
        Assert.Single(stock["batches"]!.AsArray());
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var client = (await hosts.GetAsync(Backend.Sqlite)).Client;
        using var response = await client.PostAsync(BatchesUrl, new StringContent("{\"storageLocationId\": ", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, JsonNode.Parse(body)!.Int("status"));
    }

    private static async Task<JsonNode> MoveAsync(HttpClient client, string batchUrl, object body, HttpStatusCode status)
    {
        using var response = await client.PostAsJsonAsync($"{batchUrl}/movements", body);
        return await response.JsonAsync(status);
    }
}
