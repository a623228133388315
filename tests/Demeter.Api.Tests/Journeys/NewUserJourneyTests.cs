using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Journeys;

/// <summary>
/// A new nursery's first hour, through HTTP only and with tokens only: the admin logs in, creates a worker, imports
/// the layout and the real catalog and price files; the worker uploads a photo; the admin browses the map, finds the
/// photo in the gallery and exports the stock as CSV.
/// </summary>
public sealed class NewUserJourneyTests
{
    [Fact]
    public async Task Log_in_import_the_catalog_browse_the_map_upload_a_photo_see_it_in_the_gallery_and_export_the_stock()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "journey");
        await using var host = await ApiHost.StartAsync(data);
        using var admin = host.AnonymousClient();

        using (var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = TestLogin.AdminPassword }))
        {
            var tokens = await login.JsonAsync(HttpStatusCode.OK);
            Assert.True(tokens.Int("expiresIn") > 0);
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.Str("accessToken"));
        }

        using (var created = await admin.PostAsJsonAsync("/api/v1/users", new { username = "ines", password = "greenhouse-7", role = "worker" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var layout = await admin.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            Assert.Equal(Nursery.StorageLocations, (await layout.JsonAsync(HttpStatusCode.OK)).Int("storageLocations"));
        }

        foreach (var (route, file) in new[] { ("products", "product_categories.csv"), ("prices", "price_list.csv") })
        {
            using var imported = await admin.PostAsync($"/api/v1/catalog/imports/{route}", Forms.Upload(await File.ReadAllBytesAsync(Nursery.DataFile(file)), file, "text/csv"));
            Assert.True((await imported.JsonAsync(HttpStatusCode.OK)).Int("created") > 0);
        }

        using var map = await admin.GetAsync("/api/v1/map/warehouses");
        Assert.Equal("application/geo+json", map.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Nursery.Warehouses, JsonNode.Parse(await map.Content.ReadAsStringAsync())!["features"]!.AsArray().Count);

        using var worker = await TestLogin.AuthorizeAsync(host.AnonymousClient(), "ines", "greenhouse-7");
        var claro = Nursery.ClaroAt(42);
        var session = await PhotoUploadTests.UploadAsync(worker, TrayPhotos.Tray(seed: 77), ("storageLocationId", claro.Id.ToString(CultureInfo.InvariantCulture)));
        var counted = await PhotoUploadTests.WaitFinishedAsync(worker, session);
        Assert.Equal("ines", (await admin.GetFromJsonAsync<JsonNode>($"/api/v1/stock/movements?sessionId={session}"))!["items"]!.AsArray()[0]!.Str("user"));

        var gallery = await admin.GetFromJsonAsync<JsonNode>($"/api/v1/photo-sessions?storageLocationId={claro.Id}&status=completed");
        var shown = gallery!["items"]!.AsArray().Single()!;
        Assert.Equal(session.ToString(), shown.Str("sessionId"));
        using (var thumbnail = await admin.GetAsync(shown["image"]!.Str("thumbnailUrl")))
        {
            Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        }

        using (var overlay = await admin.GetAsync(shown["links"]!.Str("overlay")))
        {
            Assert.Equal("image/png", overlay.Content.Headers.ContentType?.MediaType);
        }

        using var export = await admin.GetAsync($"/api/v1/exports/stock.csv?storageLocationId={claro.Id}");
        var lines = (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains($",{counted.Int("total")},", lines[1], StringComparison.Ordinal);

        // The worker may count and book, not configure the nursery.
        using var refused = await worker.PostAsync("/api/v1/catalog/imports/prices", Forms.Upload(await File.ReadAllBytesAsync(Nursery.DataFile("price_list.csv")), "price_list.csv", "text/csv"));
        await refused.ProblemAsync(HttpStatusCode.Forbidden, "forbidden");
    }
}
