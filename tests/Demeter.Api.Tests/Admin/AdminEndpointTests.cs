using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Admin;

/// <summary>
/// The node's admin endpoint: its own listener, admin role only, and what each operator route answers on a live
/// single-node cluster (the CLI verbs print these answers).
/// </summary>
public sealed class AdminEndpointTests
{
    private static readonly string[] ReadRoutes =
    [
        "/admin/v1/cluster", "/admin/v1/cluster/status", "/admin/v1/cluster/leader", "/admin/v1/sharding/regions",
        "/admin/v1/sharding/stock-batch/region-stats", "/admin/v1/sharding/stock-batch/stats", "/admin/v1/actors", "/admin/v1/logs",
    ];

    [Fact]
    public async Task Admin_routes_are_served_on_the_admin_listener_only_and_to_admins_only()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "admin-listener");
        await using var host = await ApiHost.StartAsync(data, kestrel: true);
        using var admin = await host.AdminClientAsync();
        using var anonymous = await host.AdminClientAsync(user: null);
        using var supervisor = await host.ClientAsAsync("sara", "supervisor");
        using var supervisorOnAdmin = await host.AdminClientAsync("sara", "a-test-password");

        foreach (var route in ReadRoutes)
        {
            using var ok = await admin.GetAsync(route);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{route}: {(int)ok.StatusCode} {await ok.Content.ReadAsStringAsync()}");
            using var noToken = await anonymous.GetAsync(route);
            Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
            Assert.Equal("application/problem+json", noToken.Content.Headers.ContentType?.MediaType);
            using var notAdmin = await supervisorOnAdmin.GetAsync(route);
            Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        }

        using (var downAll = await supervisorOnAdmin.PostAsJsonAsync("/admin/v1/cluster/down-unreachable", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, downAll.StatusCode);
        }

        // The public listener has no admin routes, and the admin listener none of the public API.
        using (var onPublic = await host.Client.GetAsync("/admin/v1/cluster"))
        {
            Assert.Equal(HttpStatusCode.NotFound, onPublic.StatusCode);
        }

        using (var stockOnAdmin = await admin.GetAsync("/api/v1/stock/batches?storageLocationId=1291"))
        {
            Assert.Equal(HttpStatusCode.NotFound, stockOnAdmin.StatusCode);
        }

        using (var health = await anonymous.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }

        Assert.Equal("127.0.0.1", admin.BaseAddress!.Host);
    }

    [Fact]
    public async Task Operator_routes_describe_the_live_node_and_refuse_bad_requests_with_problems()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "admin-routes");
        await using var host = await ApiHost.StartAsync(data, kestrel: true);
        using var admin = await host.AdminClientAsync();
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        await Ledger.InitAsync(host.Client, Nursery.ClaroAt(3).Id, 25);

        var cluster = await (await admin.GetAsync("/admin/v1/cluster")).JsonAsync(HttpStatusCode.OK);
        var self = cluster["self"]!.GetValue<string>();
        Assert.Equal(self, cluster["leader"]!.GetValue<string>());
        var member = Assert.Single(cluster["members"]!.AsArray())!;
        Assert.Equal("Up", member["status"]!.GetValue<string>());
        Assert.Equal(["api", "domain", "inference", "projector"], member["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        var status = await (await admin.GetAsync("/admin/v1/cluster/status")).JsonAsync(HttpStatusCode.OK);
        Assert.True(status["isLeader"]!.GetValue<bool>());
        Assert.Empty(status["unreachable"]!.AsArray());

        var leader = await (await admin.GetAsync("/admin/v1/cluster/leader")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(self, leader["roleLeaders"]!["domain"]!.GetValue<string>());

        var regions = await (await admin.GetAsync("/admin/v1/sharding/regions")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(
            ["photo-session", "plant-size-calibration", "stock-batch", "storage-location", "transplant"],
            regions["regions"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()));

        // The batch just opened is an entity of this node's stock-batch region.
        var stats = await (await admin.GetAsync("/admin/v1/sharding/stock-batch/stats")).JsonAsync(HttpStatusCode.OK);
        var region = Assert.Single(stats["regions"]!.AsArray())!;
        Assert.Equal(self, region["address"]!.GetValue<string>());
        Assert.True(region["entities"]!.GetValue<int>() >= 1);
        var regionStats = await (await admin.GetAsync("/admin/v1/sharding/stock-batch/region-stats")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(region["entities"]!.GetValue<int>(), regionStats["entities"]!.GetValue<int>());

        var tree = await (await admin.GetAsync("/admin/v1/actors?depth=1")).JsonAsync(HttpStatusCode.OK);
        var user = tree["children"]!.AsArray().Single(n => n!["path"]!.GetValue<string>() == "/user")!;
        Assert.Contains("/user/inference-worker", user["children"]!.AsArray().Select(n => n!["path"]!.GetValue<string>()));
        Assert.All(user["children"]!.AsArray(), n => Assert.Empty(n!["children"]!.AsArray()));

        var logs = await (await admin.GetAsync("/admin/v1/logs?lines=500")).JsonAsync(HttpStatusCode.OK);
        Assert.Contains(logs["lines"]!.AsArray(), l => l!["message"]!.GetValue<string>().Contains("Admin endpoint listening on", StringComparison.Ordinal));
        var warnings = await (await admin.GetAsync("/admin/v1/logs?lines=500&level=error")).JsonAsync(HttpStatusCode.OK);
        Assert.All(warnings["lines"]!.AsArray(), l => Assert.Contains(l!["level"]!.GetValue<string>(), new[] { "Error", "Critical" }));

        await ExpectProblemAsync(admin.GetAsync("/admin/v1/actors?depth=99"), HttpStatusCode.BadRequest, "invalid-query");
        await ExpectProblemAsync(admin.GetAsync("/admin/v1/logs?lines=0"), HttpStatusCode.BadRequest, "invalid-query");
        await ExpectProblemAsync(admin.GetAsync("/admin/v1/logs?level=loud"), HttpStatusCode.BadRequest, "invalid-query");
        await ExpectProblemAsync(admin.GetAsync("/admin/v1/sharding/nothing/stats"), HttpStatusCode.NotFound, "unknown-entity-type");
        await ExpectProblemAsync(admin.PostAsJsonAsync("/admin/v1/cluster/join", new { address = "not an address" }), HttpStatusCode.BadRequest, "invalid-address");
        await ExpectProblemAsync(admin.PostAsJsonAsync("/admin/v1/cluster/down", new { }), HttpStatusCode.BadRequest, "invalid-address");
        await ExpectProblemAsync(admin.PostAsJsonAsync("/admin/v1/cluster/leave", new { address = "akka.tcp://demeter@127.0.0.1:1" }), HttpStatusCode.NotFound, "not-a-member");

        // Hostile bodies are problems, and nothing happens to the membership.
        foreach (var body in new[] { "{\"address\":", "\"x\"", "[1,2]", "{\"address\":12}" })
        {
            await ExpectProblemAsync(
                admin.PostAsync("/admin/v1/cluster/leave", new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "invalid-request");
        }

        await ExpectProblemAsync(admin.PostAsync("/admin/v1/cluster/down", new StringContent("hi", System.Text.Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        // Over the body limit: refused from its Content-Length (the client waits for 100-continue, so it is not sent).
        using (var oversized = new HttpRequestMessage(HttpMethod.Post, "/admin/v1/cluster/down")
        {
            Content = new StringContent(new string('a', 40_000_000), System.Text.Encoding.UTF8, "application/json"),
        })
        {
            oversized.Headers.ExpectContinue = true;
            await ExpectProblemAsync(admin.SendAsync(oversized), HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }
        await ExpectProblemAsync(admin.GetAsync("/admin/v1/actors?depth=abc"), HttpStatusCode.BadRequest, "invalid-request");

        // Nobody is unreachable: nothing is downed, and the node is still Up.
        var downed = await (await admin.PostAsJsonAsync("/admin/v1/cluster/down-unreachable", new { })).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(downed["downed"]!.AsArray());
        Assert.Equal("Up", (await (await admin.GetAsync("/admin/v1/cluster/status")).JsonAsync(HttpStatusCode.OK))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Tail_streams_the_current_members_first_as_json_lines()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "admin-tail");
        await using var host = await ApiHost.StartAsync(data, kestrel: true);
        using var admin = await host.AdminClientAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await admin.GetAsync("/admin/v1/cluster/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var first = JsonNode.Parse((await reader.ReadLineAsync(timeout.Token))!)!;
        Assert.Equal("member-up", first["event"]!.GetValue<string>());
        Assert.Equal("Up", first["status"]!.GetValue<string>());
    }

    private static async Task ExpectProblemAsync(Task<HttpResponseMessage> request, HttpStatusCode status, string code)
    {
        using var response = await request;
        await response.ProblemAsync(status, code);
    }
}
