using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;
using Demeter.Domain.Common;

namespace Demeter.Api.Tests.Stock;

/// <summary>
/// What a hostile-input probe of the ledger tried: server ids a client could forge, counts that could wrap,
/// an idempotency key reused for other content, ids that are not ids, and bodies that are not JSON. Every one
/// answers 4xx with problem details and persists nothing.
/// </summary>
[Collection(ImportedLayoutCollection.Name)]
public sealed class LedgerHostileInputTests(ImportedLayoutHosts hosts)
{
    public static TheoryData<string> Backends() => Backend.All();

    private static Task<long> JournalRowsAsync(ApiHost host) => host.CountAsync("SELECT COUNT(*) FROM journal");

    /// <summary>
    /// The journal's row count once earlier tests' background work (a claro telling a session its count is
    /// booked, say) has settled: unchanged for three seconds.
    /// </summary>
    private static async Task<long> SettledJournalRowsAsync(ApiHost host)
    {
        var last = await JournalRowsAsync(host);
        var stableSince = DateTime.UtcNow;
        var deadline = DateTime.UtcNow.AddSeconds(60);

        // Longer than the entities' retry timers (2 s), so a step another test left behind has landed before counting.
        while (DateTime.UtcNow - stableSince < TimeSpan.FromSeconds(3) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            var now = await JournalRowsAsync(host);
            if (now != last)
            {
                (last, stableSince) = (now, DateTime.UtcNow);
            }
        }

        return last;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task No_route_lets_a_client_create_a_batch_under_an_id_of_its_choosing(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var claro = Nursery.ClaroAt(620);
        var derived = DeterministicGuid.Create($"photo-batch:{claro.Id}");

        using (var old = await host.Client.PostAsJsonAsync("/api/v1/stock-batches", new { batchId = derived, storageLocationId = claro.Id, quantity = 5 }))
        {
            Assert.True(old.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"{old.StatusCode}");
        }

        using (var chosen = await host.Client.PostAsJsonAsync(Ledger.ManualInitUrl, new { movementId = Guid.NewGuid(), batchId = derived, storageLocationId = claro.Id, productId = 1, quantity = 5 }))
        {
            await chosen.ProblemAsync(HttpStatusCode.BadRequest, "server-assigned-id");
        }

        // A movement to a batch id that was never assigned finds nothing and creates nothing.
        var before = await SettledJournalRowsAsync(host);
        using (var ghost = await host.Client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId = derived, type = "plantar", quantity = 5 }))
        {
            await ghost.ProblemAsync(HttpStatusCode.NotFound, "batch-not-found");
        }

        Assert.Equal(before, await JournalRowsAsync(host));

        // The claro's photo is still booked in full: into a batch whose id the server minted.
        var session = await PhotoUploadTests.WaitFinishedAsync(host.Client, await PhotoUploadTests.UploadAsync(host.Client, TrayPhotos.Tray(seed: 62, at: claro.Centroid)));
        var booked = session["booking"]!["batches"]![0]!.Str("batchId");
        Assert.NotEqual(derived.ToString(), booked);
        Assert.Equal(session.Int("total"), (await Ledger.StockAsync(host.Client, claro.Id)).Int("total"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Pre_booking_the_movement_id_a_session_used_to_derive_does_not_lose_its_count(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var claro = Nursery.ClaroAt(621);
        var batchId = await Ledger.InitAsync(host.Client, claro.Id, 10, productId: 5);
        var sessionId = Guid.NewGuid();
        var derived = DeterministicGuid.Create($"foto:{sessionId:N}");

        // The client books the id the old system derived for this session's count, on the claro's only batch.
        await Ledger.MoveAsync(host.Client, batchId, "plantar", 1, derived);
        using (var upload = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(TrayPhotos.Tray(seed: 63, at: claro.Centroid), ("sessionId", sessionId.ToString()))))
        {
            await upload.JsonAsync(HttpStatusCode.Accepted);
        }

        var session = await PhotoUploadTests.WaitFinishedAsync(host.Client, sessionId);
        Assert.Equal("booked", session["booking"]!.Str("status"));
        Assert.Equal(session.Int("total"), (await Ledger.StockAsync(host.Client, claro.Id)).Int("total"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Counts_at_the_integer_limit_are_refused_rather_than_wrapped(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var claro = Nursery.ClaroAt(622);
        var batchId = await Ledger.InitAsync(host.Client, claro.Id, int.MaxValue, productId: 5);

        using (var more = await host.Client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId, type = "plantar", quantity = 1 }))
        {
            await more.ProblemAsync(HttpStatusCode.UnprocessableEntity, "quantity-overflow");
        }

        await Ledger.MoveAsync(host.Client, batchId, "muerte", int.MaxValue);
        await Ledger.MoveAsync(host.Client, batchId, "plantar", int.MaxValue);
        using (var wrap = await host.Client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId, type = "muerte", quantity = 1 }))
        {
            await wrap.ProblemAsync(HttpStatusCode.UnprocessableEntity, "quantity-overflow");
        }

        var batch = await host.Client.EventuallyGetAsync(Ledger.BatchUrl(batchId), b => b.Int("emptyContainers") == int.MaxValue);
        Assert.Equal(int.MaxValue, batch.Int("quantity"));

        // A quantity beyond 32 bits is not a quantity.
        using var tooBig = await host.Client.PostAsync(
            Ledger.MovementsUrl, Json($$"""{"movementId":"{{Guid.NewGuid()}}","batchId":"{{batchId}}","type":"plantar","quantity":2147483648}"""));
        await tooBig.ProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Ids_that_are_not_ids_and_bodies_that_are_not_json_are_refused_and_persist_nothing(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var claro = Nursery.ClaroAt(623);
        var batchId = await Ledger.InitAsync(host.Client, claro.Id, 10, productId: 5);
        await host.Client.EventuallyGetAsync(Ledger.BatchUrl(batchId), b => b["updatedAt"] is not null);
        var before = await SettledJournalRowsAsync(host);
        var empty = Guid.Empty;
        (string Why, HttpContent Body, string Url, HttpStatusCode Status, string Code)[] cases =
        [
            ("empty movement id", JsonContent.Create(new { movementId = empty, batchId, type = "plantar", quantity = 1 }), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "movement-id-required"),
            ("empty batch id", JsonContent.Create(new { movementId = Guid.NewGuid(), batchId = empty, type = "plantar", quantity = 1 }), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "invalid-id"),
            ("negative product on init", JsonContent.Create(new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = -3, quantity = 1 }), Ledger.ManualInitUrl, HttpStatusCode.UnprocessableEntity, "invalid-id"),
            ("zero claro on init", JsonContent.Create(new { movementId = Guid.NewGuid(), storageLocationId = 0, productId = 3, quantity = 1 }), Ledger.ManualInitUrl, HttpStatusCode.BadRequest, "invalid-id"),
            ("unknown claro on init", JsonContent.Create(new { movementId = Guid.NewGuid(), storageLocationId = 999_999, productId = 3, quantity = 1 }), Ledger.ManualInitUrl, HttpStatusCode.NotFound, "storage-location-not-found"),
            ("zero quantity on init", JsonContent.Create(new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 3, quantity = 0 }), Ledger.ManualInitUrl, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("quantity as text", Json($$"""{"movementId":"{{Guid.NewGuid()}}","batchId":"{{batchId}}","type":"plantar","quantity":"5"}"""), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("fractional quantity", Json($$"""{"movementId":"{{Guid.NewGuid()}}","batchId":"{{batchId}}","type":"plantar","quantity":1.5}"""), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("broken json", Json("""{"movementId": """), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("json null", Json("null"), Ledger.ManualInitUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("empty body", Json(string.Empty), Ledger.TransplantsUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("form instead of json", new FormUrlEncodedContent([new("quantity", "1")]), Ledger.MovementsUrl, HttpStatusCode.UnsupportedMediaType, "unsupported-media-type"),
            ("unknown type", JsonContent.Create(new { movementId = Guid.NewGuid(), batchId, type = "robo", quantity = 1 }), Ledger.MovementsUrl, HttpStatusCode.UnprocessableEntity, "unknown-movement-type"),
            ("transplante as a movement", JsonContent.Create(new { movementId = Guid.NewGuid(), batchId, type = "trasplante", quantity = 1 }), Ledger.MovementsUrl, HttpStatusCode.UnprocessableEntity, "unsupported-movement"),
            ("price on a planting", JsonContent.Create(new { movementId = Guid.NewGuid(), batchId, type = "plantar", quantity = 1, unitPrice = 5 }), Ledger.MovementsUrl, HttpStatusCode.UnprocessableEntity, "invalid-price"),
            ("reason too long", JsonContent.Create(new { movementId = Guid.NewGuid(), batchId, type = "ajuste", quantity = 1, reason = new string('x', 5000) }), Ledger.MovementsUrl, HttpStatusCode.UnprocessableEntity, "text-too-long"),
            ("empty batch array", Json("[]"), Ledger.MovementsUrl, HttpStatusCode.BadRequest, "invalid-request"),
            ("transplant of nothing", JsonContent.Create(new { movementId = Guid.NewGuid(), fromBatchId = batchId, toStorageLocationId = claro.Id + 1, quantity = 0 }), Ledger.TransplantsUrl, HttpStatusCode.UnprocessableEntity, "invalid-quantity"),
            ("transplant from nowhere", JsonContent.Create(new { movementId = Guid.NewGuid(), fromBatchId = Guid.NewGuid(), toStorageLocationId = claro.Id, quantity = 1 }), Ledger.TransplantsUrl, HttpStatusCode.NotFound, "batch-not-found"),
            ("config without product", JsonContent.Create(new { packagingId = 1 }), $"/api/v1/storage-locations/{claro.Id}/config", HttpStatusCode.BadRequest, "product-required"),
        ];

        foreach (var (why, body, url, status, code) in cases)
        {
            var request = new HttpRequestMessage(url.EndsWith("/config", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, url) { Content = body };
            using var response = await host.Client.SendAsync(request);
            await response.ProblemAsync(status, code, why);
        }

        var huge = new string(' ', 1024 * 1024) + "{}";
        using (var oversized = await host.Client.PostAsync(Ledger.MovementsUrl, Json(huge)))
        {
            await oversized.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        Assert.Equal(before, await JournalRowsAsync(host));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Malformed_sowing_and_sales_files_are_refused_cleanly(string backend)
    {
        // A host of its own: on the shared one, work other tests left behind (a retried step) can land in the journal
        // meanwhile and look like something these refusals persisted.
        await using var data = await HostData.CreateAsync(backend, "hostile-files");
        await using var host = await ApiHost.StartAsync(data);
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            // Something in the journal, so its table exists and its rows can be counted.
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var before = await SettledJournalRowsAsync(host);

        using (var notLedger = await host.Client.PostAsync("/api/v1/stock/imports/sowing", new MultipartFormDataContent { { new StringContent("a,b\n1,2\n"), "file", "x.csv" } }))
        {
            await notLedger.ProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-sowing-ledger");
        }

        using (var noFile = await host.Client.PostAsync("/api/v1/stock/sales-comparisons", new MultipartFormDataContent { { new StringContent("x"), "other" } }))
        {
            await noFile.ProblemAsync(HttpStatusCode.BadRequest, "file-required");
        }

        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--nope\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"));
        broken.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=other");
        using (var mismatch = await host.Client.PostAsync("/api/v1/stock/imports/sowing", broken))
        {
            Assert.InRange((int)mismatch.StatusCode, 400, 499);
            Assert.Equal("application/problem+json", mismatch.Content.Headers.ContentType?.MediaType);
        }

        using (var json = await host.Client.PostAsync("/api/v1/stock/sales-comparisons", Json("{}")))
        {
            await json.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        }

        Assert.Equal(before, await JournalRowsAsync(host));
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");
}
