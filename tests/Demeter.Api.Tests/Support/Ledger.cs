using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Demeter.Api.Tests.Support;

/// <summary>The stock ledger's routes as a client calls them.</summary>
public static class Ledger
{
    public const string MovementsUrl = "/api/v1/stock/movements";
    public const string ManualInitUrl = "/api/v1/stock/manual-init";
    public const string TransplantsUrl = "/api/v1/stock/transplants";

    public static string StockUrl(int storageLocationId) => $"/api/v1/storage-locations/{storageLocationId}/stock";

    public static string BatchUrl(string batchId) => $"/api/v1/stock/batches/{batchId}";

    /// <summary>Manual init of a claro with a product; returns the created batch's id.</summary>
    public static async Task<string> InitAsync(HttpClient client, int storageLocationId, int quantity, int productId = 42, Guid? movementId = null)
    {
        using var response = await client.PostAsJsonAsync(ManualInitUrl, new { movementId = movementId ?? Guid.NewGuid(), storageLocationId, productId, quantity });
        var body = await response.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(quantity, body.Int("quantity"));
        return body.Str("batchId");
    }

    /// <summary>One movement on a batch; returns the answer (201 new, 200 repeated).</summary>
    public static async Task<JsonNode> MoveAsync(HttpClient client, string batchId, string type, int quantity, Guid? movementId = null, string? reason = null, HttpStatusCode status = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync(MovementsUrl, new { movementId = movementId ?? Guid.NewGuid(), batchId, type, quantity, reason });
        return await response.JsonAsync(status);
    }

    public static async Task<JsonNode> StockAsync(HttpClient client, int storageLocationId) =>
        await (await client.GetAsync(StockUrl(storageLocationId))).JsonAsync(HttpStatusCode.OK);
}
