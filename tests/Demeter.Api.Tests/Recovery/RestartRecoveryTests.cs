using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Recovery;

/// <summary>Everything the API wrote survives a restart of the node on the same data: journal, snapshots, read model, blobs.</summary>
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
        string batchUrl;
        Guid sessionId;

        await using (var host = await ApiHost.StartAsync(data))
        {
            var client = host.Client;
            using (var import = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                Assert.Equal(Nursery.ImportEvents, (await import.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
            }

            await Eventually.UntilAsync("the layout is projected", host.LayoutCountsAsync, c => c.StorageLocations == Nursery.StorageLocations);
            using (var created = await client.PostAsJsonAsync("/api/v1/stock-batches", new { storageLocationId = claro.Id, quantity = 100, productId = 3 }))
            {
                batchUrl = $"/api/v1/stock-batches/{(await created.JsonAsync(HttpStatusCode.Created))["batch"]!.Str("batchId")}";
            }

            using (var moved = await client.PostAsJsonAsync($"{batchUrl}/movements", new { movementId = plantar, type = "plantar", quantity = 5 }))
            {
                Assert.Equal(105, (await moved.JsonAsync(HttpStatusCode.OK))["batch"]!.Int("quantity"));
            }

            // The session need not finish before the restart: one interrupted mid-way resumes on the new node
            // (remembered entity). Waiting for completion here is what PhotoUploadTests.StallBug breaks.
            sessionId = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed: 41, at: photographed.Centroid));
            Assert.Equal(photographed.Id, (await PhotoUploadTests.WaitLocatedAsync(client, sessionId)).Int("storageLocationId"));
            await client.EventuallyGetAsync(batchUrl, b => b["batch"]!.Int("quantityCurrent") == 105 && b["movements"]!.AsArray().Count == 2);
        }

        await using (var host = await ApiHost.StartAsync(data))
        {
            var client = host.Client;

            // The layout singleton rebuilt its spatial index from the journal; a re-import finds nothing new.
            var located = await (await client.GetAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"/api/v1/storage-locations?lat={photographed.Centroid.Latitude:R}&lon={photographed.Centroid.Longitude:R}"))).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(photographed.Id, located.Int("storageLocationId"));
            Assert.Equal(claro.Label, (await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}")).JsonAsync(HttpStatusCode.OK)).Str("label"));
            using (var import = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                Assert.Equal(0, (await import.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
            }

            var batch = await (await client.GetAsync(batchUrl)).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(105, batch["batch"]!.Int("quantityCurrent"));
            Assert.Equal(2, batch["movements"]!.AsArray().Count);

            var session = await PhotoUploadTests.WaitFinishedAsync(client, sessionId);
            Assert.Equal(photographed.Id, session.Int("storageLocationId"));
            Assert.InRange(session.Int("detected"), 38, 42);
            var total = session.Int("total");
            var stock = await client.EventuallyGetAsync($"/api/v1/storage-locations/{photographed.Id}/stock", s => s.Int("totalQuantity") == total);
            Assert.Equal(total, Assert.Single(stock["batches"]!.AsArray())!.Int("quantityCurrent"));
            await client.EventuallyGetAsync($"/api/v1/photo-sessions/{sessionId}", s => s["bookedBatchId"] is not null);

            // The batch entity recovered its state from the journal: the old movement id is still known, and a
            // new movement starts from the recovered quantity.
            using (var retried = await client.PostAsJsonAsync($"{batchUrl}/movements", new { movementId = plantar, type = "plantar", quantity = 5 }))
            {
                var body = await retried.JsonAsync(HttpStatusCode.OK);
                Assert.True(body["alreadyApplied"]!.GetValue<bool>());
                Assert.Equal(105, body["batch"]!.Int("quantity"));
            }

            using (var moved = await client.PostAsJsonAsync($"{batchUrl}/movements", new { movementId = Guid.NewGuid(), type = "muerte", quantity = 10 }))
            {
                Assert.Equal(95, (await moved.JsonAsync(HttpStatusCode.OK))["batch"]!.Int("quantity"));
            }

            await client.EventuallyGetAsync(batchUrl, b => b["batch"]!.Int("quantityCurrent") == 95 && b["movements"]!.AsArray().Count == 3);
        }
    }
}
