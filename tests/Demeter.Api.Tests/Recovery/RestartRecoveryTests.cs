using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Recovery;

/// <summary>
/// What the API wrote survives a restart of the node on the same data directory and database: the entities
/// recover from the journal, the read model and the blobs are still there.
/// </summary>
public sealed class RestartRecoveryTests
{
    private const string BatchesUrl = "/api/v1/stock-batches";

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Layout_stock_batches_and_photo_sessions_survive_a_restart(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "restart");
        var claro = Nursery.ClaroAt(500);
        var photographed = Nursery.ClaroAt(501);
        var plantar = Guid.NewGuid();
        var waitingId = Guid.NewGuid();
        var waitingPhoto = TrayPhotos.Tray(seed: 41);
        string batchUrl;
        string waitingBlobId;
        Guid countedId;
        int total;

        await using (var host = await ApiHost.StartAsync(data))
        {
            var client = host.Client;
            await ImportLayoutAsync(host);
            batchUrl = await CreateBatchAsync(client, claro.Id, 100);
            var moved = await MoveAsync(client, batchUrl, plantar, "plantar", 5);
            Assert.Equal(105, moved["batch"]!.Int("quantity"));

            // A photo taken in a claro is counted and booked; one without GPS or location waits for a location.
            countedId = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed: 42, at: photographed.Centroid));
            total = (await PhotoUploadTests.WaitFinishedAsync(client, countedId)).Int("total");
            await client.EventuallyGetAsync($"/api/v1/photo-sessions/{countedId}", s => s["bookedBatchId"] is not null);
            await client.EventuallyGetAsync($"/api/v1/storage-locations/{photographed.Id}/stock", s => s.Int("totalQuantity") == total);
            using (var uploaded = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(waitingPhoto, ("sessionId", waitingId.ToString()))))
            {
                Assert.Equal("needs_location", (await uploaded.JsonAsync(HttpStatusCode.Accepted)).Str("status"));
            }

            waitingBlobId = (await client.EventuallyGetAsync($"/api/v1/photo-sessions/{waitingId}", s => s.Str("status") == "needs_location"))["image"]!.Str("blobId");
            await client.EventuallyGetAsync(batchUrl, b => b["batch"]!.Int("quantityCurrent") == 105 && b["movements"]!.AsArray().Count == 2);
        }

        await using (var host = await ApiHost.StartAsync(data))
        {
            var client = host.Client;

            // The layout singleton rebuilt its spatial index from the journal; a re-import finds nothing new.
            var located = await (await client.GetAsync(LocateUrl(claro.Centroid.Latitude, claro.Centroid.Longitude))).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(claro.Id, located.Int("storageLocationId"));
            var location = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(claro.Label, location.Str("label"));
            using (var import = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                Assert.Equal(0, (await import.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
            }

            var batch = await (await client.GetAsync(batchUrl)).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(105, batch["batch"]!.Int("quantityCurrent"));
            Assert.Equal(2, batch["movements"]!.AsArray().Count);
            var stock = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}/stock")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(105, stock.Int("totalQuantity"));

            var counted = await (await client.GetAsync($"/api/v1/photo-sessions/{countedId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("completed", counted.Str("status"));
            Assert.Equal(total, counted.Int("total"));
            Assert.Equal(photographed.Id, counted.Int("storageLocationId"));
            var photoStock = await (await client.GetAsync($"/api/v1/storage-locations/{photographed.Id}/stock")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(total, Assert.Single(photoStock["batches"]!.AsArray())!.Int("quantityCurrent"));

            // The photo batch entity recovered the counted quantity: a death takes one plant from it.
            var photoBatchUrl = $"{BatchesUrl}/{counted.Str("bookedBatchId")}";
            Assert.Equal(total - 1, (await MoveAsync(client, photoBatchUrl, Guid.NewGuid(), "muerte", 1))["batch"]!.Int("quantity"));

            var waiting = await (await client.GetAsync($"/api/v1/photo-sessions/{waitingId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("needs_location", waiting.Str("status"));
            Assert.Equal(waitingBlobId, waiting["image"]!.Str("blobId"));
            Assert.Equal(2, data.BlobFileCount());

            // The same upload under the same session id is still recognised as a retry.
            using (var retried = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(waitingPhoto, ("sessionId", waitingId.ToString()))))
            {
                Assert.Equal(waitingId, Guid.Parse((await retried.JsonAsync(HttpStatusCode.Accepted)).Str("sessionId")));
            }

            // The batch entity recovered its state from the journal: the old movement id is still known, and a
            // new movement starts from the recovered quantity.
            var again = await MoveAsync(client, batchUrl, plantar, "plantar", 5);
            Assert.True(again["alreadyApplied"]!.GetValue<bool>());
            Assert.Equal(105, again["batch"]!.Int("quantity"));
            Assert.Equal(95, (await MoveAsync(client, batchUrl, Guid.NewGuid(), "muerte", 10))["batch"]!.Int("quantity"));
            using (var tooMany = await client.PostAsJsonAsync($"{batchUrl}/movements", new { movementId = Guid.NewGuid(), type = "ventas", quantity = 96 }))
            {
                await tooMany.ProblemAsync(HttpStatusCode.UnprocessableEntity, "insufficient-stock");
            }

            await client.EventuallyGetAsync(batchUrl, b => b["batch"]!.Int("quantityCurrent") == 95 && b["movements"]!.AsArray().Count == 3);
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Photo_interrupted_by_a_restart_is_counted_after_it(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "interrupted");
        var claro = Nursery.ClaroAt(502);
        Guid sessionId;

        await using (var host = await ApiHost.StartAsync(data))
        {
            await ImportLayoutAsync(host);
            sessionId = await PhotoUploadTests.UploadAsync(
                host.Client, TrayPhotos.Tray(seed: 43), ("storageLocationId", claro.Id.ToString(CultureInfo.InvariantCulture)));

            // Stopped at once, most likely while the photo is being tiled or counted.
        }

        // The session is a remembered entity: the new node restarts it and it finishes the count.
        await using (var host = await ApiHost.StartAsync(data))
        {
            var session = await PhotoUploadTests.WaitFinishedAsync(host.Client, sessionId);
            Assert.InRange(session.Int("detected"), 38, 42);
            await host.Client.EventuallyGetAsync($"/api/v1/storage-locations/{claro.Id}/stock", s => s.Int("totalQuantity") == session.Int("total"));
        }
    }

    private static async Task ImportLayoutAsync(ApiHost host)
    {
        using var import = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout());
        Assert.Equal(Nursery.ImportEvents, (await import.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
        await Eventually.UntilAsync("the layout is projected", host.LayoutCountsAsync, c => c.StorageLocations == Nursery.StorageLocations);
    }

    private static async Task<string> CreateBatchAsync(HttpClient client, int storageLocationId, int quantity)
    {
        using var created = await client.PostAsJsonAsync(BatchesUrl, new { storageLocationId, quantity });
        return $"{BatchesUrl}/{(await created.JsonAsync(HttpStatusCode.Created))["batch"]!.Str("batchId")}";
    }

    private static async Task<JsonNode> MoveAsync(HttpClient client, string batchUrl, Guid movementId, string type, int quantity)
    {
        using var response = await client.PostAsJsonAsync($"{batchUrl}/movements", new { movementId, type, quantity });
        return await response.JsonAsync(HttpStatusCode.OK);
    }

    private static string LocateUrl(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/storage-locations?lat={lat:R}&lon={lon:R}");
}
