using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Demeter.Api.Tests.Support;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Api.Tests.Photos;

/// <summary>
/// A supervisor validates a counted photo; the validation is kept on the session and becomes the first sample of the
/// calibration of the claro's product and packaging, which the next count of that product uses and records.
/// </summary>
public sealed class PhotoValidationTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_validated_count_calibrates_the_product_and_the_next_count_uses_it(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "validation");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var claro = Nursery.ClaroAt(700);
        using (var config = await client.PutAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/config", new { productId = 31, packagingId = 4 }))
        {
            await config.JsonAsync(HttpStatusCode.OK);
        }

        var before = await (await client.GetAsync("/api/v1/calibrations/31?packagingId=4")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("defaults", 0, 0), (before.Str("source"), before.Int("version"), before.Int("samples")));

        var first = await UploadAndWaitAsync(client, claro.Id, seed: 91);
        Assert.Equal("product-31-packaging-4", first["calibration"]!.Str("key"));
        Assert.Null(first["calibration"]!["version"]);
        var container = Assert.Single(first["containers"]!.AsArray())!;
        Assert.Equal(first.Int("total"), container.Int("total"));
        Assert.Equal(4, container["bands"]!.AsArray().Count);

        // Every kept detection is listed, in photo pixels, with its container (COPY on PostgreSQL).
        var sessionId = first.Str("sessionId");
        var detections = await (await client.GetAsync($"/api/v1/photo-sessions/{sessionId}/detections?pageSize=100")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(first.Int("detected"), detections.Int("total"));
        Assert.All(detections["items"]!.AsArray().Select(d => d!), d =>
        {
            Assert.Equal(0, d.Int("container"));
            Assert.InRange(d["x2"]!.GetValue<double>(), d["x1"]!.GetValue<double>(), TrayPhotos.Width);
        });
        using (var none = await client.GetAsync($"/api/v1/photo-sessions/{sessionId}/detections?container=5"))
        {
            Assert.Equal(0, (await none.JsonAsync(HttpStatusCode.OK)).Int("total"));
        }

        // The supervisor counted three more plants than the photo showed.
        using (var validated = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{sessionId}/validation", new { validatedCount = first.Int("total") + 3, note = "recounted" }))
        {
            var body = await validated.JsonAsync(HttpStatusCode.OK);
            Assert.Equal((first.Int("total") + 3, first.Int("total")), (body["validation"]!.Int("validatedTotal"), body["validation"]!.Int("counted")));
        }

        var calibrated = await client.EventuallyGetAsync("/api/v1/calibrations/31?packagingId=4", c => c.Int("version") == 1);
        Assert.Equal(("calibrated", 1), (calibrated.Str("source"), calibrated.Int("samples")));

        // The photo's own plants measured their size, so the learned size moved from the default towards it.
        Assert.NotEqual(2500.0, calibrated["plantAreaPx"]!.GetValue<double>());
        var recorded = await client.EventuallyGetAsync($"/api/v1/photo-sessions/{sessionId}", s => s["validation"]?["calibrationVersion"] is not null);
        Assert.Equal(1, recorded["validation"]!.Int("calibrationVersion"));

        // Validating again with the same count changes nothing; the next photo of the product uses version 1.
        using (var again = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{sessionId}/validation", new { validatedCount = first.Int("total") + 3, note = "recounted" }))
        {
            await again.JsonAsync(HttpStatusCode.OK);
        }

        var second = await UploadAndWaitAsync(client, claro.Id, seed: 92);
        Assert.Equal(1, second["calibration"]!.Int("version"));
        Assert.Equal(1, (await (await client.GetAsync("/api/v1/calibrations/31?packagingId=4")).JsonAsync(HttpStatusCode.OK)).Int("version"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_validation_that_cannot_be_taken_is_refused_with_a_problem(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "validation-refused");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;

        // A session still waiting for its location has no count to validate.
        Guid waiting;
        using (var uploaded = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(TrayPhotos.Small(seed: 93))))
        {
            waiting = Guid.Parse((await uploaded.JsonAsync(HttpStatusCode.Accepted)).Str("sessionId"));
        }

        await client.EventuallyGetAsync($"/api/v1/photo-sessions/{waiting}", s => s.Str("status") == "needs_location");
        using (var early = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{waiting}/validation", new { validatedCount = 4 }))
        {
            await early.ProblemAsync(HttpStatusCode.Conflict, PhotoSessionDecider.InvalidTransition);
        }

        foreach (var body in new object[] { new { validatedCount = -1 }, new { validatedCount = 10_000_001 }, new { note = "no count" } })
        {
            using var refused = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{waiting}/validation", body);
            await refused.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var broken = await client.PostAsync($"/api/v1/photo-sessions/{waiting}/validation", new StringContent("{\"validatedCount\":", System.Text.Encoding.UTF8, "application/json")))
        {
            await broken.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var unknown = await client.PostAsJsonAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}/validation", new { validatedCount = 4 }))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var unknownDetections = await client.GetAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}/detections"))
        {
            await unknownDetections.ProblemAsync(HttpStatusCode.NotFound);
        }

        using var badProduct = await client.GetAsync("/api/v1/calibrations/0");
        await badProduct.ProblemAsync(HttpStatusCode.BadRequest);
        var session = await (await client.GetAsync($"/api/v1/photo-sessions/{waiting}")).JsonAsync(HttpStatusCode.OK);
        Assert.Null(session["validation"]);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> UploadAndWaitAsync(HttpClient client, int claroId, int seed)
    {
        var id = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed), ("storageLocationId", claroId.ToString(CultureInfo.InvariantCulture)));
        return await PhotoUploadTests.WaitFinishedAsync(client, id);
    }
}
