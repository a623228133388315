using System.Globalization;
using System.Net;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Security;

/// <summary>Security headers on every answer, writes from other sites' pages refused, health probes and the API reference UI.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_the_probes_answer()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "security-headers");
        await using var host = await ApiHost.StartAsync(data);

        using var live = await host.Client.GetAsync("/health/live");
        Assert.Equal("live", (await live.JsonAsync(HttpStatusCode.OK)).Str("status"));
        var ready = await host.Client.EventuallyGetAsync("/health/ready", r => r.Str("status") == "ready");
        Assert.Equal(("up", "ok", "ok"), (ready["checks"]!.Str("cluster"), ready["checks"]!.Str("readModel"), ready["checks"]!.Str("journal")));

        using var missing = await host.Client.GetAsync("/api/v1/stock/batches/not-a-batch");
        foreach (var response in new[] { live, missing })
        {
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }

        using var ui = await host.Client.GetAsync("/scalar/v1");
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
        Assert.Equal("text/html", ui.Content.Headers.ContentType?.MediaType);
        Assert.Contains("script-src", ui.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_from_another_sites_page_is_refused_and_changes_nothing()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "security-origin");
        await using var host = await ApiHost.StartAsync(data);

        foreach (var (url, body) in new (string, Func<HttpContent>)[]
        {
            (Forms.PhotosUrl, () => Forms.Photo(TrayPhotos.Small(seed: 1), ("storageLocationId", "1291"))),
            (Forms.ImportUrl, Forms.RealLayout),
        })
        {
            using var evil = new HttpRequestMessage(HttpMethod.Post, url) { Content = body() };
            evil.Headers.Add("Origin", "http://evil.example");
            using var refused = await host.Client.SendAsync(evil);
            await refused.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-refused");

            using var fetched = new HttpRequestMessage(HttpMethod.Post, url) { Content = body() };
            fetched.Headers.Add("Sec-Fetch-Site", "cross-site");
            using var refusedToo = await host.Client.SendAsync(fetched);
            await refusedToo.ProblemAsync(HttpStatusCode.Forbidden, "cross-origin-refused");
        }

        Assert.Equal(0, await host.PhotoSessionCountAsync());
        Assert.Equal(0, (await host.LayoutCountsAsync()).StorageLocations);

        // The API's own origin (a page it serves) may write.
        using var own = new HttpRequestMessage(HttpMethod.Post, Forms.ImportUrl) { Content = Forms.RealLayout() };
        own.Headers.Add("Origin", $"{host.Client.BaseAddress!.Scheme}://{host.Client.BaseAddress.Authority}");
        using var accepted = await host.Client.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_configured_origin_may_write_and_is_answered_with_cors_headers()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "security-cors");
        await using var host = await ApiHost.StartAsync(data, settings: new Dictionary<string, string> { ["Demeter:allowed-origins"] = "https://office.example" });

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Forms.ImportUrl);
        preflight.Headers.Add("Origin", "https://office.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var allowed = await host.Client.SendAsync(preflight);
        Assert.Equal("https://office.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var write = new HttpRequestMessage(HttpMethod.Post, Forms.ImportUrl) { Content = Forms.RealLayout() };
        write.Headers.Add("Origin", "https://office.example");
        using var imported = await host.Client.SendAsync(write);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        using var other = new HttpRequestMessage(HttpMethod.Options, Forms.ImportUrl);
        other.Headers.Add("Origin", "http://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "POST");
        using var notAllowed = await host.Client.SendAsync(other);
        Assert.False(notAllowed.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_layout_beyond_its_limits_or_with_hidden_characters_is_refused_with_a_short_report()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "security-layout");
        await using var host = await ApiHost.StartAsync(data);

        // A claro of 1,001 vertices, ids 0 and -7, names with NUL, ESC and a right-to-left override (JSON escapes).
        var square = "[[-68.7,-33.04],[-68.6999,-33.04],[-68.6999,-33.0399],[-68.7,-33.0399],[-68.7,-33.04]]";
        var huge = "[" + string.Join(",", Enumerable.Range(0, 1001).Select(i => string.Create(CultureInfo.InvariantCulture, $"[{-68.7 + (Math.Cos(i * 2 * Math.PI / 1000) * 1e-4):R},{-33.04 + (Math.Sin(i * 2 * Math.PI / 1000) * 1e-4):R}]"))) + "]";
        string Feature(int id, string name, string ring) =>
            "{\"type\":\"Feature\",\"properties\":{\"id\":" + id.ToString(CultureInfo.InvariantCulture) + ",\"label\":\"" + name +
            "\",\"row\":1,\"col\":1,\"cantero\":\"Cantero Norte\",\"nave\":\"Nave 1\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[" + ring + "]}}";
        var claros = "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", Feature(1, "big", huge), Feature(0, "zero", square), Feature(-7, "minus", square),
            Feature(2, "nul\\u0000", square), Feature(3, "esc\\u001b", square), Feature(4, "\\u202Eevil", square)) + "]}";

        using var refused = await host.Client.PostAsync(Forms.ImportUrl, Forms.Layout(Nursery.Naves, Nursery.Canteros, claros));
        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-layout");
        var errors = problem["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
        Assert.Contains(errors, e => e.Contains("1001 vertices", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("id 0 is not a positive integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("id -7 is not a positive integer", StringComparison.Ordinal));
        Assert.Equal(3, errors.Count(e => e.Contains("control or invisible formatting characters", StringComparison.Ordinal)));

        // 500 broken features: the first 100 problems and the count of all.
        var broken = "{\"type\":\"FeatureCollection\",\"features\":[" + string.Join(",", Enumerable.Repeat("{\"type\":\"Feature\",\"properties\":{},\"geometry\":null}", 500)) + "]}";
        using var many = await host.Client.PostAsync(Forms.ImportUrl, Forms.Layout(Nursery.Naves, Nursery.Canteros, broken));
        var report = await many.ProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-layout");
        Assert.Equal(100, report["errors"]!.AsArray().Count);
        Assert.True(report.Int("errorCount") >= 1000, report.ToJsonString()[..200]);
        Assert.Equal(0, (await host.LayoutCountsAsync()).StorageLocations);
    }
}
