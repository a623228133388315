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
        string batchId;
        string photoBatchId;
        string waitingBlobId;
        Guid countedId;
        int total;

        await using (var host = await ApiHost.StartAsync(data))
        {
            var client = host.Client;
            await ImportLayoutAsync(host);
            batchId = await Ledger.InitAsync(client, claro.Id, 100);
            Assert.Equal(105, (await Ledger.MoveAsync(client, batchId, "plantar", 5, plantar)).Int("quantity"));

            // A photo taken in a claro is counted and booked; one without GPS or location waits for a location.
            countedId = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed: 42, at: photographed.Centroid));
            var counted = await PhotoUploadTests.WaitFinishedAsync(client, countedId);
            total = counted.Int("total");
            photoBatchId = counted["booking"]!["batches"]![0]!.Str("batchId");
            Assert.Equal(total, (await Ledger.StockAsync(client, photographed.Id)).Int("total"));
            using (var uploaded = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(waitingPhoto, ("sessionId", waitingId.ToString()))))
            {
                Assert.Equal("needs_location", (await uploaded.JsonAsync(HttpStatusCode.Accepted)).Str("status"));
            }

            waitingBlobId = (await client.EventuallyGetAsync($"/api/v1/photo-sessions/{waitingId}", s => s.Str("status") == "needs_location"))["image"]!.Str("blobId");
            await client.EventuallyGetAsync($"{Ledger.BatchUrl(batchId)}/movements", m => m.Int("total") == 2);
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

            var batch = await (await client.GetAsync(Ledger.BatchUrl(batchId))).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(105, batch.Int("quantity"));
            Assert.Equal(105, (await Ledger.StockAsync(client, claro.Id)).Int("total"));

            var counted = await (await client.GetAsync($"/api/v1/photo-sessions/{countedId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("completed", counted.Str("status"));
            Assert.Equal(total, counted.Int("total"));
            Assert.Equal(photographed.Id, counted.Int("storageLocationId"));
            Assert.Equal(total, Assert.Single((await Ledger.StockAsync(client, photographed.Id))["batches"]!.AsArray())!.Int("quantity"));

            // The photo's batch entity recovered the counted quantity: a death takes one plant from it.
            Assert.Equal(total - 1, (await Ledger.MoveAsync(client, photoBatchId, "muerte", 1)).Int("quantity"));

            var waiting = await (await client.GetAsync($"/api/v1/photo-sessions/{waitingId}")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal("needs_location", waiting.Str("status"));
            Assert.Equal(waitingBlobId, waiting["image"]!.Str("blobId"));
            Assert.Equal(2, data.BlobFileCount());

            // The same upload under the same session id is still recognised as a retry.
            using (var retried = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(waitingPhoto, ("sessionId", waitingId.ToString()))))
            {
                Assert.Equal(waitingId, Guid.Parse((await retried.JsonAsync(HttpStatusCode.Accepted)).Str("sessionId")));
            }

            // The batch entity recovered from the journal: the old movement id is still known (with its original
            // outcome), and a new movement starts from the recovered quantity.
            var again = await Ledger.MoveAsync(client, batchId, "plantar", 5, plantar, status: HttpStatusCode.OK);
            Assert.True(again["alreadyApplied"]!.GetValue<bool>());
            Assert.Equal(105, again.Int("quantity"));
            Assert.Equal(95, (await Ledger.MoveAsync(client, batchId, "muerte", 10)).Int("quantity"));
            using (var tooMany = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId, type = "ventas", quantity = 96 }))
            {
                Assert.Equal(95, (await tooMany.ProblemAsync(HttpStatusCode.Conflict, "insufficient-stock")).Int("available"));
            }

            await client.EventuallyGetAsync($"{Ledger.BatchUrl(batchId)}/movements", m => m.Int("total") == 3);
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
            Assert.Equal(session.Int("total"), (await Ledger.StockAsync(host.Client, claro.Id)).Int("total"));
        }
    }

    private static async Task ImportLayoutAsync(ApiHost host)
    {
        using var import = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout());
        Assert.Equal(Nursery.ImportEvents, (await import.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
        await Eventually.UntilAsync("the layout is projected", host.LayoutCountsAsync, c => c.StorageLocations == Nursery.StorageLocations);
    }

    private static string LocateUrl(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/storage-locations?latitude={lat:R}&longitude={lon:R}");
}
