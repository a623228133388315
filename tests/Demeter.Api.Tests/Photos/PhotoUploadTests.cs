using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace Demeter.Api.Tests.Photos;

/// <summary>POST /api/v1/photos and GET /api/v1/photo-sessions/{id} over the imported real layout.</summary>
[Collection(ImportedLayoutCollection.Name)]
public sealed class PhotoUploadTests(ImportedLayoutHosts hosts)
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Photo_is_located_by_its_exif_gps_by_form_coordinates_or_by_the_storage_location_given(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var (gpsClaro, formClaro, givenClaro) = (Nursery.ClaroAt(310), Nursery.ClaroAt(311), Nursery.ClaroAt(312));

        // EXIF GPS inside a claro.
        var byGps = await UploadAsync(client, TrayPhotos.Small(seed: 13, at: gpsClaro.Centroid));
        var session = await WaitLocatedAsync(client, byGps);
        Assert.Equal(gpsClaro.Id, session.Int("storageLocationId"));
        Assert.Equal(TrayPhotos.SmallWidth, session["image"]!.Int("widthPx"));
        Assert.Equal(TrayPhotos.SmallHeight, session["image"]!.Int("heightPx"));
        Assert.Equal(gpsClaro.Centroid.Latitude, session["image"]!["latitude"]!.GetValue<double>(), 5);
        Assert.Equal(gpsClaro.Centroid.Longitude, session["image"]!["longitude"]!.GetValue<double>(), 5);

        // Form coordinates win over EXIF (the client corrected a poor fix).
        var byForm = await UploadAsync(
            client,
            TrayPhotos.Small(seed: 14, at: gpsClaro.Centroid),
            ("latitude", formClaro.Centroid.Latitude.ToString("R", CultureInfo.InvariantCulture)),
            ("longitude", formClaro.Centroid.Longitude.ToString("R", CultureInfo.InvariantCulture)));
        Assert.Equal(formClaro.Id, (await WaitLocatedAsync(client, byForm)).Int("storageLocationId"));

        // No GPS at all, but the storage location is given.
        var given = await UploadAsync(client, TrayPhotos.Small(seed: 15), ("storageLocationId", givenClaro.Id.ToString(CultureInfo.InvariantCulture)));
        var givenSession = await WaitLocatedAsync(client, given);
        Assert.Equal(givenClaro.Id, givenSession.Int("storageLocationId"));
        Assert.Null(givenSession["image"]!["latitude"]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Photo_with_gps_is_counted_and_booked_into_the_claro_it_was_taken_in(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(300);

        var sessionId = await UploadAsync(client, TrayPhotos.Tray(seed: 11, at: claro.Centroid));
        var session = await WaitFinishedAsync(client, sessionId);
        var detected = session.Int("detected");
        Assert.InRange(detected, 38, 42);
        var total = session.Int("total");
        Assert.Equal(detected + session.Int("estimated"), total);
        Assert.Equal(claro.Id, session.Int("storageLocationId"));
        Assert.Equal(12, session.Int("tiles"));
        Assert.False(string.IsNullOrEmpty(session["model"]?.Str("sha256")));

        // Completed means booked: the stock read right after shows the count, in the batch the booking names.
        var stock = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}/stock")).JsonAsync(HttpStatusCode.OK);
        var batch = Assert.Single(stock["batches"]!.AsArray())!;
        Assert.Equal(total, stock.Int("total"));
        Assert.Equal(total, batch.Int("quantity"));
        Assert.Equal(claro.Id, batch.Int("storageLocationId"));
        var booking = session["booking"]!;
        Assert.Equal("booked", booking.Str("status"));
        Assert.Equal(batch.Str("id"), booking["batches"]![0]!.Str("batchId"));
        Assert.Equal("foto", booking["batches"]![0]!.Str("type"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Photo_without_gps_is_counted_and_booked_into_the_storage_location_given_in_the_form(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(301);

        var sessionId = await UploadAsync(client, TrayPhotos.Tray(seed: 12), ("storageLocationId", claro.Id.ToString(CultureInfo.InvariantCulture)));
        var session = await WaitFinishedAsync(client, sessionId);
        Assert.Equal(claro.Id, session.Int("storageLocationId"));
        Assert.InRange(session.Int("detected"), 38, 42);
        var total = session.Int("total");
        Assert.Equal(session.Int("detected") + session.Int("estimated"), total);
        var stock = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}/stock")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(total, stock.Int("total"));
        Assert.Equal(total, Assert.Single(stock["batches"]!.AsArray())!.Int("quantity"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_photo_whose_exif_gps_is_garbage_says_so_and_waits_for_its_claro(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        using var response = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(TrayPhotos.WithGpsOffTheEarth(seed: 71)));
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("needs_location", accepted.Str("status"));
        var sessionId = Guid.Parse(accepted.Str("sessionId"));

        var session = await client.EventuallyGetAsync($"/api/v1/photo-sessions/{sessionId}", s => s.Str("status") == "needs_location");

        Assert.Contains("outside the earth", session["image"]!.Str("gpsProblem"), StringComparison.Ordinal);
        Assert.Contains("GPS position is unusable", session.Str("error"), StringComparison.Ordinal);
        Assert.Null(session["image"]!["latitude"]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_session_that_needs_a_location_is_given_its_claro_later_and_completes(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var client = host.Client;
        var claro = Nursery.ClaroAt(640);
        var sessionId = Guid.NewGuid();
        await StartNeedsLocationAsync(host, TrayPhotos.Small(seed: 72), sessionId);
        var url = $"/api/v1/photo-sessions/{sessionId}";

        using (var notJson = await client.PatchAsync(url, new StringContent("{\"storageLocationId\": \"x\"}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        }

        using (var missing = await client.PatchAsJsonAsync(url, new { }))
        {
            await missing.ProblemAsync(HttpStatusCode.BadRequest);
        }

        using (var noSuchClaro = await client.PatchAsJsonAsync(url, new { storageLocationId = 999_999 }))
        {
            Assert.Equal(HttpStatusCode.NotFound, noSuchClaro.StatusCode);
        }

        using (var noSuchSession = await client.PatchAsJsonAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}", new { storageLocationId = claro.Id }))
        {
            Assert.Equal(HttpStatusCode.NotFound, noSuchSession.StatusCode);
        }

        using (var assigned = await client.PatchAsJsonAsync(url, new { storageLocationId = claro.Id }))
        {
            var body = await assigned.JsonAsync(HttpStatusCode.OK);
            Assert.Equal((claro.Id, "pending"), (body.Int("storageLocationId"), body.Str("status")));
        }

        var session = await WaitFinishedAsync(client, sessionId);
        Assert.Equal(("completed", claro.Id), (session.Str("status"), session.Int("storageLocationId")));
        Assert.NotNull(session["booking"]);
        Assert.Equal(session.Int("total"), (await Ledger.StockAsync(client, claro.Id)).Int("total"));
        using var again = await client.PatchAsJsonAsync(url, new { storageLocationId = claro.Id + 1 });
        await again.ProblemAsync(HttpStatusCode.Conflict, PhotoSessionDecider.InvalidTransition);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_session_serves_an_upright_300_px_thumbnail_of_its_photo(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var sessionId = await UploadAsync(client, TrayPhotos.Tray(seed: 73), ("storageLocationId", Nursery.ClaroAt(641).Id.ToString(CultureInfo.InvariantCulture)));
        var session = await (await client.GetAsync($"/api/v1/photo-sessions/{sessionId}")).JsonAsync(HttpStatusCode.OK);

        using var thumbnail = await client.GetAsync(session["image"]!.Str("thumbnailUrl"));

        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using var bitmap = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync());
        Assert.Equal((300, 225), (bitmap.Width, bitmap.Height));
        using var missing = await client.GetAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}/thumbnail");
        await missing.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_counted_session_serves_its_overlay_and_metrics(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var sessionId = await UploadAsync(client, TrayPhotos.Tray(seed: 74), ("storageLocationId", Nursery.ClaroAt(642).Id.ToString(CultureInfo.InvariantCulture)));
        var session = await WaitFinishedAsync(client, sessionId);

        using var overlay = await client.GetAsync($"/api/v1/photo-sessions/{sessionId}/overlay");
        Assert.Equal(HttpStatusCode.OK, overlay.StatusCode);
        Assert.Equal("image/png", overlay.Content.Headers.ContentType?.MediaType);
        var drawn = await overlay.Content.ReadAsByteArrayAsync();
        using (var bitmap = SkiaSharp.SKBitmap.Decode(drawn))
        {
            Assert.Equal((TrayPhotos.Width, TrayPhotos.Height), (bitmap.Width, bitmap.Height));
        }

        // Drawn on the first request, then kept.
        Assert.Equal(drawn, await client.GetByteArrayAsync($"/api/v1/photo-sessions/{sessionId}/overlay"));

        var metrics = await (await client.GetAsync($"/api/v1/photo-sessions/{sessionId}/metrics")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((session.Int("detected"), TrayPhotos.Width), (metrics.Int("detected"), metrics.Int("width")));
        Assert.Equal(session.Int("tiles"), metrics["tiles"]!.Int("processed"));
        Assert.Equal(10, metrics["confidence"]!["histogram"]!.AsArray().Count);

        // A session that was never counted has neither.
        var waiting = Guid.NewGuid();
        await StartNeedsLocationAsync(await hosts.GetAsync(backend), TrayPhotos.Small(seed: 75), waiting);
        using var notYet = await client.GetAsync($"/api/v1/photo-sessions/{waiting}/overlay");
        await notYet.ProblemAsync(HttpStatusCode.NotFound, "output-not-ready");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_session_streams_its_progress_as_server_sent_events_until_it_completes(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var sessionId = await UploadAsync(client, TrayPhotos.Tray(seed: 76), ("storageLocationId", Nursery.ClaroAt(643).Id.ToString(CultureInfo.InvariantCulture)));

        using var response = await client.GetAsync($"/api/v1/photo-sessions/{sessionId}/events", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonNode>();
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                events.Add(JsonNode.Parse(line["data: ".Length..])!);
            }
        }

        var last = events[^1];
        Assert.Equal("completed", last.Str("stage"));
        var session = await (await client.GetAsync($"/api/v1/photo-sessions/{sessionId}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal((session.Int("detected"), session.Int("total")), (last.Int("detected"), last.Int("total")));
        Assert.Equal(12, last.Int("tilesTotal"));
        var done = events.Where(e => e["tilesDone"] is not null).Select(e => e.Int("tilesDone")).ToList();
        Assert.Equal(done.Order(), done);
        Assert.Equal(events.Count, events.Select(e => e.ToJsonString()).Distinct(StringComparer.Ordinal).Count());

        using var unknown = await client.GetAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}/events");
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Rejected_uploads_store_no_photo_and_start_no_session(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var client = host.Client;

        // A photo with neither GPS nor a storage location is accepted and waits for a location. Its client-chosen
        // session id makes a retry of the same upload idempotent; another photo under that id conflicts.
        var ownId = Guid.NewGuid();
        var located = TrayPhotos.Tray(seed: 21);
        await StartNeedsLocationAsync(host, located, ownId);
        using (var retry = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(located, ("sessionId", ownId.ToString()))))
        {
            Assert.Equal(ownId, Guid.Parse((await retry.JsonAsync(HttpStatusCode.Accepted)).Str("sessionId")));
        }

        using (var conflict = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(TrayPhotos.Tray(seed: 22), ("sessionId", ownId.ToString()))))
        {
            await conflict.ProblemAsync(HttpStatusCode.Conflict, "invalid-transition");
        }

        var blobsBefore = host.Data.BlobFileCount();
        var sessionsBefore = await host.PhotoSessionCountAsync();

        var valid = TrayPhotos.Tray(seed: 23, at: Nursery.ClaroAt(302).Centroid);
        var rejected = new (string What, Func<HttpContent> Body, HttpStatusCode Status, string Code)[]
        {
            ("no file field", () => Forms.Upload(null, "photo.jpg", "image/jpeg", ("storageLocationId", "1291")), HttpStatusCode.BadRequest, "invalid-request"),
            ("empty file", () => Forms.Photo([]), HttpStatusCode.BadRequest, "invalid-request"),
            ("text file", () => Forms.Upload(Encoding.UTF8.GetBytes("forty plants, trust me\n"), "count.txt", "text/plain"), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"),
            ("text file sent as a JPEG", () => Forms.Photo(Encoding.UTF8.GetBytes("forty plants, trust me\n")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"),
            ("raw JPEG body, not multipart", () => new ByteArrayContent(valid) { Headers = { ContentType = new("image/jpeg") } }, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"),
            ("truncated JPEG", () => Forms.Photo(valid[..(valid.Length / 2)]), HttpStatusCode.UnprocessableEntity, "undecodable-image"),
            ("latitude 95", () => Forms.Photo(valid, ("latitude", "95"), ("longitude", "-68.7")), HttpStatusCode.BadRequest, "invalid-request"),
            ("longitude 181", () => Forms.Photo(valid, ("latitude", "-33.04"), ("longitude", "181")), HttpStatusCode.BadRequest, "invalid-request"),
            ("latitude without longitude", () => Forms.Photo(valid, ("latitude", "-33.04")), HttpStatusCode.BadRequest, "invalid-request"),
            ("storageLocationId abc", () => Forms.Photo(valid, ("storageLocationId", "abc")), HttpStatusCode.BadRequest, "invalid-request"),
            ("storageLocationId 0", () => Forms.Photo(valid, ("storageLocationId", "0")), HttpStatusCode.BadRequest, "invalid-request"),
            ("sessionId not a UUID", () => Forms.Photo(valid, ("sessionId", "session-1")), HttpStatusCode.BadRequest, "invalid-request"),
            ("unknown storageLocationId", () => Forms.Photo(valid, ("storageLocationId", "999999")), HttpStatusCode.NotFound, "storage-location-not-found"),
        };
        foreach (var (what, body, status, code) in rejected)
        {
            using var response = await client.PostAsync(Forms.PhotosUrl, body());
            await response.ProblemAsync(status, code, $"Upload with {what}");
            Assert.True(blobsBefore == host.Data.BlobFileCount(), $"Upload with {what} stored a blob.");
        }

        // One more accepted upload: once its session is projected, any session a rejected upload had started
        // would be too (the projector follows the journal in order), so the count proves there was none.
        await StartNeedsLocationAsync(host, TrayPhotos.Tray(seed: 24), Guid.NewGuid());
        Assert.Equal(blobsBefore + 1, host.Data.BlobFileCount());
        Assert.Equal(sessionsBefore + 1, await host.PhotoSessionCountAsync());

        using (var unknown = await client.GetAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}"))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        using (var notAnId = await client.GetAsync("/api/v1/photo-sessions/not-a-uuid"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        }
    }

    /// <summary>Uploads a photo without GPS or location, sees the session end needs_location, and waits for its projection.</summary>
    private static async Task StartNeedsLocationAsync(ApiHost host, byte[] photo, Guid sessionId)
    {
        using var response = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(photo, ("sessionId", sessionId.ToString())));
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal(sessionId, Guid.Parse(accepted.Str("sessionId")));
        Assert.Equal("needs_location", accepted.Str("status"));

        var session = await host.Client.EventuallyGetAsync($"/api/v1/photo-sessions/{sessionId}", s => s.Str("status") == "needs_location");
        Assert.Null(session["storageLocationId"]);
        Assert.False(string.IsNullOrWhiteSpace(session.Str("error")));
        var queries = host.Services.GetRequiredService<ReadModelQueries>();
        await Eventually.UntilAsync($"session {sessionId} is projected", () => queries.PhotoSessionAsync(sessionId), row => row?.Status == "NeedsLocation");
    }

    /// <summary>Uploads a photo, asserts the 202 with its Location header, and returns the session id.</summary>
    internal static async Task<Guid> UploadAsync(HttpClient client, byte[] photo, params (string Name, string Value)[] fields)
    {
        using var response = await client.PostAsync(Forms.PhotosUrl, Forms.Photo(photo, fields));
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        var sessionId = Guid.Parse(accepted.Str("sessionId"));
        var url = $"/api/v1/photo-sessions/{sessionId}";
        Assert.Equal(url, response.Headers.Location?.OriginalString);
        Assert.Equal(url, accepted.Str("statusUrl"));
        Assert.Equal("pending", accepted.Str("status"));
        return sessionId;
    }

    /// <summary>Polls the session until it has a storage location, and asserts it is on its way to a count.</summary>
    internal static async Task<JsonNode> WaitLocatedAsync(HttpClient client, Guid sessionId)
    {
        var session = await client.EventuallyGetAsync(
            $"/api/v1/photo-sessions/{sessionId}", s => s["storageLocationId"] is not null || s.Str("status") is "failed" or "needs_location");
        Assert.True(
            session.Str("status") is "pending" or "processing" or "completed",
            $"Session {sessionId} is not being counted: {session.ToJsonString()}");
        return session;
    }

    /// <summary>Polls the session until it is completed or failed, and asserts it completed.</summary>
    internal static async Task<JsonNode> WaitFinishedAsync(HttpClient client, Guid sessionId)
    {
        var session = await client.EventuallyGetAsync(
            $"/api/v1/photo-sessions/{sessionId}", s => s.Str("status") is "completed" or "failed" or "needs_location");
        Assert.True(session.Str("status") == "completed", $"Session {sessionId} did not complete: {session.ToJsonString()}");
        Assert.Equal(sessionId, Guid.Parse(session.Str("sessionId")));
        return session;
    }
}
