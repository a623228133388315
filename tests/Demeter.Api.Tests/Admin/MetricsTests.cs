using System.Globalization;
using System.Net;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Admin;

public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_format_with_the_photo_paths_counts()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "metrics");
        await using var host = await ApiHost.StartAsync(data);
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var session = await PhotoUploadTests.UploadAsync(
            host.Client, TrayPhotos.Small(seed: 5), ("storageLocationId", Nursery.ClaroAt(20).Id.ToString(CultureInfo.InvariantCulture)));
        await PhotoUploadTests.WaitFinishedAsync(host.Client, session);

        using var response = await host.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("demeter_photos_counted_total", text, StringComparison.Ordinal);
        Assert.Contains("demeter_photos_plants_total{source=\"detected\"}", text, StringComparison.Ordinal);
        Assert.Contains("process_cpu_seconds_total", text, StringComparison.Ordinal);

        // Requests by route template (never the raw path, whatever a client sends) and status class.
        Assert.Contains("demeter_http_requests_total{method=\"POST\",route=\"/api/v1/photos\",status=\"2xx\"}", text, StringComparison.Ordinal);
        Assert.Contains("demeter_http_request_duration_seconds_bucket{method=\"GET\",route=\"/api/v1/photo-sessions/{id:guid}\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(session.ToString(), text, StringComparison.Ordinal);

        // A scrape without a token is refused unless the node says its metrics are public.
        using var anonymous = host.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task A_node_may_serve_its_metrics_without_a_token()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "metrics-open");
        await using var host = await ApiHost.StartAsync(data, settings: new Dictionary<string, string> { ["Demeter:metrics:anonymous"] = "true" });
        using var anonymous = host.AnonymousClient();
        using var response = await anonymous.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
