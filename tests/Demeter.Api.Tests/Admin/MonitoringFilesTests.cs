using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Admin;

/// <summary>
/// The Grafana dashboard and the Prometheus alert rules in docker/ use only metric names a node really exports: after
/// a photo is counted and a movement booked, every name they mention is on the node's /metrics.
/// </summary>
public sealed partial class MonitoringFilesTests
{
    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alerts_use_exists_on_a_nodes_metrics()
    {
        var root = Nursery.RepositoryRoot();
        var alerts = await File.ReadAllTextAsync(Path.Combine(root, "docker", "prometheus", "alerts.yml"));
        var dashboardText = await File.ReadAllTextAsync(Path.Combine(root, "docker", "grafana", "dashboards", "demeter.json"));
        var expressions = JsonDocument.Parse(dashboardText).RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.True(expressions.Count >= 10, "the dashboard has its panels");
        var used = MetricName().Matches(alerts + "\n" + string.Join("\n", expressions)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("demeter_projection_lag_events", used);
        Assert.Contains("demeter_inference_run_seconds_bucket", used);

        await using var data = await HostData.CreateAsync(Backend.Sqlite, "monitoring");
        await using var host = await ApiHost.StartAsync(data);
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var claro = Nursery.ClaroAt(12).Id;
        var session = await PhotoUploadTests.UploadAsync(host.Client, TrayPhotos.Small(seed: 9), ("storageLocationId", claro.ToString(CultureInfo.InvariantCulture)));
        await PhotoUploadTests.WaitFinishedAsync(host.Client, session);
        var batch = await Ledger.InitAsync(host.Client, Nursery.ClaroAt(13).Id, 10);
        await Ledger.MoveAsync(host.Client, batch, "muerte", 1);

        using var admin = await host.AdminClientAsync();
        var metrics = await admin.GetStringAsync("/metrics");
        var exported = metrics.Split('\n')
            .Where(l => l.Length > 0 && l[0] != '#')
            .Select(l => l.Split('{', ' ')[0])
            .ToHashSet(StringComparer.Ordinal);
        var missing = used.Where(name => !exported.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"used in docker/ but not on /metrics: {string.Join(", ", missing)}");

        // The node's own gauges are filled at scrape time. (Their values are not asserted: the registry is the process's,
        // and other test nodes in this process write the same gauges.)
        Assert.Contains("demeter_sharding_entities{type=\"stock-batch\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("demeter_photo_sessions{status=\"completed\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("demeter_cluster_members{status=\"Up\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("demeter_inference_tiles_total{device=\"cpu\"}", metrics, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\b(?:demeter|process|dotnet)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
