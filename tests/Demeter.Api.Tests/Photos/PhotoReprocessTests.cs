using System.Globalization;
using System.Net;
using Demeter.Api.Tests.Support;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Api.Tests.Photos;

/// <summary>A session that failed is listed for operators and, run again, completes as a new attempt with its failure kept.</summary>
public sealed class PhotoReprocessTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_failed_session_is_listed_reprocessed_and_completes_keeping_its_failed_attempt(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "reprocess");
        var claro = Nursery.ClaroAt(650);
        Guid sessionId;

        // First node: every tile's answer is awaited for a millisecond, once, so the photo fails.
        await using (var failing = await ApiHost.StartAsync(data, "demeter.photos.tile-timeout = 1ms\ndemeter.photos.tile-attempts = 1\n"))
        {
            using (var imported = await failing.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                await imported.JsonAsync(HttpStatusCode.OK);
            }

            sessionId = await PhotoUploadTests.UploadAsync(
                failing.Client, TrayPhotos.Tray(seed: 81), ("storageLocationId", claro.Id.ToString(CultureInfo.InvariantCulture)));
            var failed = await failing.Client.EventuallyGetAsync($"/api/v1/photo-sessions/{sessionId}", s => s.Str("status") is "failed" or "completed");
            Assert.Equal("failed", failed.Str("status"));

            var listed = await (await failing.Client.GetAsync("/api/v1/photo-sessions?status=failed")).JsonAsync(HttpStatusCode.OK);
            Assert.Contains(listed["items"]!.AsArray(), s => s!.Str("sessionId") == sessionId.ToString());
            Assert.Equal(1, listed.Int("total"));
            using var badStatus = await failing.Client.GetAsync("/api/v1/photo-sessions?status=broken");
            await badStatus.ProblemAsync(HttpStatusCode.BadRequest, "invalid-status");
        }

        // A healthy node on the same data runs it again.
        await using var healthy = await ApiHost.StartAsync(data);
        using (var reprocess = await healthy.Client.PostAsync($"/api/v1/photo-sessions/{sessionId}/reprocess", null))
        {
            var accepted = await reprocess.JsonAsync(HttpStatusCode.Accepted);
            Assert.Equal((2, "pending"), (accepted.Int("attempt"), accepted.Str("status")));
        }

        var session = await PhotoUploadTests.WaitFinishedAsync(healthy.Client, sessionId);
        Assert.Equal(("completed", 2), (session.Str("status"), session.Int("attempt")));
        var failure = Assert.Single(session["failedAttempts"]!.AsArray())!;
        Assert.Equal(1, failure.Int("attempt"));
        Assert.False(string.IsNullOrWhiteSpace(failure.Str("reason")));
        Assert.Equal(session.Int("total"), (await Ledger.StockAsync(healthy.Client, claro.Id)).Int("total"));

        using var again = await healthy.Client.PostAsync($"/api/v1/photo-sessions/{sessionId}/reprocess", null);
        await again.ProblemAsync(HttpStatusCode.Conflict, PhotoSessionDecider.InvalidTransition);
        using var unknown = await healthy.Client.PostAsync($"/api/v1/photo-sessions/{Guid.NewGuid()}/reprocess", null);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }
}
