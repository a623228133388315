using System.Text.Json;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>
/// Every operator verb against a live cluster of node processes on loopback (PostgreSQL shared): a seed with the API,
/// two domain nodes, and a fourth node whose configured seed is dead until the operator joins it by hand. Then the
/// membership verbs take nodes out: a killed node downed with down-unreachable, another killed and downed by address,
/// the fourth leaving gracefully (its process ends by itself).
/// </summary>
[Collection(LoopbackClusterCollection.Name)]
public sealed class ClusterVerbsTests
{
    private static readonly TimeSpan Converge = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Every_cluster_verb_against_a_live_three_node_cluster()
    {
        var postgres = await PostgresTestDatabase.CreateDatabaseAsync("cli_cluster");
        using var dir = new TempDirectory("demeter-cli-cluster");
        try
        {
            await using var cluster = new LoopbackCluster(dir.Combine("data"), postgres);
            var a = await cluster.StartAsync("a", "api,domain,projector", api: true);
            var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = dir.Combine("config"), ["DEMETER_SERVER"] = a.ApiUrl! };
            Task<CliRunner.Result> On(LoopbackCluster.Node node, params string[] args) => CliRunner.RunAsync(config, [.. args, "--node", node.AdminUrl]);

            // Not logged in yet: refused, with the way in.
            var refused = await On(a, "cluster", "show");
            Assert.Equal(1, refused.ExitCode);
            Assert.True(refused.Error.Contains("demeter login --server", StringComparison.Ordinal), $"{refused.Error}\nnode a ({a.AdminUrl}, {a.ApiUrl}, exited {a.Process.HasExited}):\n{a.Output}");
            var login = await CliRunner.RunAsync(
                new Dictionary<string, string>(config) { ["DEMETER_PASSWORD"] = TestLogin.AdminPassword }, "login", "--username", "admin");
            Assert.True(login.ExitCode == 0, login.Error);

            var b = await cluster.StartAsync("b", "domain,inference");
            var c = await cluster.StartAsync("c", "domain");

            // d's seed is a port nobody listens on: it waits, not a member, until it is told whom to join.
            var d = await cluster.StartAsync("d", "domain", seed: $"akka.tcp://demeter@127.0.0.1:{LoopbackCluster.FreePort()}", waitReady: false);
            await EventuallyAsync(() => CliRunner.RunAsync(config, "cluster", "status", "--node", d.AdminUrl), r => r.Output.Contains("status:", StringComparison.Ordinal), d);
            var joined = await On(d, "cluster", "join", a.Address);
            Assert.True(joined.ExitCode == 0, joined.Output + joined.Error);
            Assert.Contains($"join {a.Address}", joined.Output, StringComparison.Ordinal);

            // Every node sees the four Up and agrees on the leader (gossip converges within seconds).
            foreach (var node in new[] { a, b, c, d })
            {
                await EventuallyAsync(() => On(node, "cluster", "status"), r => r.ExitCode == 0 && r.Output.Contains("members:     4 (4 Up)", StringComparison.Ordinal), node);
            }

            var shown = await EventuallyAsync(() => On(b, "cluster", "show", "--json"), r => Members(r, "Up").Count == 4, b);
            var show = JsonDocument.Parse(shown.Output).RootElement;
            Assert.Equal(["leader", "members"], show.EnumerateObject().Select(p => p.Name));
            var leader = show.GetProperty("leader").GetString()!;

            // The leader is the Up member with the lowest address.
            Assert.Equal(new[] { a.Address, b.Address, c.Address, d.Address }.Min(StringComparer.Ordinal), leader);
            var members = show.GetProperty("members").EnumerateArray().ToDictionary(m => m.GetProperty("address").GetString()!);
            Assert.Equal(["api", "domain", "projector"], members[a.Address].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(["domain"], members[c.Address].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.All(members.Values, m => Assert.Equal(["address", "roles", "status"], m.EnumerateObject().Select(p => p.Name)));

            var table = await EventuallyAsync(() => On(c, "cluster", "show"), r => r.Output.Contains($"leader: {leader}", StringComparison.Ordinal), c);
            Assert.Equal(0, table.ExitCode);
            Assert.Equal(4, table.Output.Split('\n').Count(l => l.Contains("│ Up ", StringComparison.Ordinal)));

            var status = await On(c, "cluster", "status");
            Assert.Equal(0, status.ExitCode);
            Assert.Contains($"node:        {c.Address}", status.Output, StringComparison.Ordinal);
            Assert.Contains("status:      Up", status.Output, StringComparison.Ordinal);
            Assert.Contains("unreachable: none", status.Output, StringComparison.Ordinal);

            var leaders = await On(d, "cluster", "leader");
            Assert.Equal(0, leaders.ExitCode);
            Assert.StartsWith(leader, leaders.Output, StringComparison.Ordinal);
            Assert.Contains($"  projector: {a.Address}", leaders.Output, StringComparison.Ordinal);

            // Stock on the sharded regions of every domain node: 30 batches spread over the shards (and the photo's, below).
            var imported = await CliRunner.RunAsync(config, "import", "layout", CliRunner.SharedNurseryData());
            Assert.True(imported.ExitCode == 0, imported.Error);
            var batches = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                var init = await CliRunner.RunAsync(config, "stock", "init", (1291 + i).ToString(System.Globalization.CultureInfo.InvariantCulture), "--product", "42", "--quantity", "10");
                Assert.True(init.ExitCode == 0, init.Error);
                batches.Add(System.Text.RegularExpressions.Regex.Match(init.Output, "batch ([0-9a-f-]{36})").Groups[1].Value);
            }

            var death = await CliRunner.RunAsync(config, "stock", "move", batches[0], "--type", "muerte", "--quantity", "2");
            Assert.True(death.ExitCode == 0, death.Error);

            // A photo uploaded to a: its session runs on whichever domain node holds its shard, which reads the photo
            // from the shared blob store, and b (the only inference node) counts its tiles.
            var image = dir.Combine("tray.jpg");
            await CliRunner.RunAsync("photo", "generate", image, "--plants", "25", "--width", "1200", "--height", "900", "--diameter", "70");
            var uploaded = await CliRunner.RunAsync(config, "photo", "upload", image, "--location", "1350", "--wait");
            Assert.True(uploaded.ExitCode == 0, uploaded.Output + uploaded.Error);
            Assert.Contains("\"status\": \"completed\"", uploaded.Output, StringComparison.Ordinal);

            // The auditor's verbs, against the API node: from the journal, whichever domain node wrote the events.
            var history = await CliRunner.RunAsync(config, "audit", "history", "stock-batch", batches[0]);
            Assert.True(history.ExitCode == 0, history.Error);
            Assert.Contains("muerte -2 → 8", history.Output, StringComparison.Ordinal);
            Assert.Contains("3 events of stock-batch-", history.Output, StringComparison.Ordinal);
            var asOf = await CliRunner.RunAsync(config, "audit", "as-of", "1291", DateTimeOffset.UtcNow.AddSeconds(5).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(asOf.ExitCode == 0, asOf.Error);
            Assert.Contains("claro 1291 at ", asOf.Output, StringComparison.Ordinal);
            Assert.Contains(": 8 plants as the ledger held them then", asOf.Output, StringComparison.Ordinal);
            // 31 batches: the 30 opened by hand and the one the photo's count opened in claro 1350.
            var verify = await EventuallyAsync(() => CliRunner.RunAsync(config, "audit", "verify"), r => r.ExitCode == 0, a);
            Assert.Contains("31 batches compared with the read model at ordering", verify.Output, StringComparison.Ordinal);
            Assert.Contains("consistent", verify.Output, StringComparison.Ordinal);
            var rebuild = await CliRunner.RunAsync(config, "audit", "rebuild");
            Assert.True(rebuild.ExitCode == 0, rebuild.Output + rebuild.Error);
            Assert.Contains("read model rebuilt from the journal through ordering", rebuild.Output, StringComparison.Ordinal);
            var reverified = await CliRunner.RunAsync(config, "audit", "verify", "--json");
            Assert.True(reverified.ExitCode == 0, reverified.Output);
            Assert.Equal(31, JsonDocument.Parse(reverified.Output).RootElement.GetProperty("batches").GetInt32());

            var regions = await On(a, "cluster", "sharding", "regions");
            Assert.Equal(0, regions.ExitCode);
            foreach (var type in new[] { "photo-session", "plant-size-calibration", "stock-batch", "storage-location", "transplant" })
            {
                Assert.Matches($"{type} +│ region", regions.Output);
            }

            var stats = await EventuallyAsync(
                () => On(a, "cluster", "sharding", "stats", "stock-batch", "--json"),
                r => r.ExitCode == 0 && JsonDocument.Parse(r.Output).RootElement.GetProperty("regions").GetArrayLength() == 4,
                a);
            var statsJson = JsonDocument.Parse(stats.Output).RootElement;
            Assert.Equal(["regions"], statsJson.EnumerateObject().Select(p => p.Name));
            var perNode = statsJson.GetProperty("regions").EnumerateArray().ToList();
            Assert.Equal(new[] { a.Address, b.Address, c.Address, d.Address }.Order(StringComparer.Ordinal), perNode.Select(r => r.GetProperty("address").GetString()));
            Assert.All(perNode, r => Assert.Equal(["address", "shards", "entities"], r.EnumerateObject().Select(p => p.Name)));
            Assert.Equal(31, perNode.Sum(r => r.GetProperty("entities").GetInt32()));
            Assert.True(perNode.Count(r => r.GetProperty("shards").GetInt32() > 0) >= 2, stats.Output);

            var statsTable = await On(b, "cluster", "sharding", "stats", "stock-batch");
            Assert.Contains("4 regions", statsTable.Output, StringComparison.Ordinal);
            Assert.Contains("31 entities", statsTable.Output, StringComparison.Ordinal);
            var bShards = perNode.Single(r => r.GetProperty("address").GetString() == b.Address);
            var regionStats = await On(b, "cluster", "sharding", "region-stats", "stock-batch");
            Assert.Equal(0, regionStats.ExitCode);
            Assert.Contains(
                $"stock-batch on {b.Address}: {bShards.GetProperty("shards").GetInt32()} shards, {bShards.GetProperty("entities").GetInt32()} entities",
                regionStats.Output,
                StringComparison.Ordinal);
            var unknown = await On(b, "cluster", "sharding", "stats", "plant");
            Assert.Equal(1, unknown.ExitCode);
            Assert.Contains("No shard region 'plant'", unknown.Error, StringComparison.Ordinal);

            var hierarchy = await On(a, "actor", "hierarchy", "--depth", "1");
            Assert.Equal(0, hierarchy.ExitCode);
            Assert.Contains("/user/projector", hierarchy.Output, StringComparison.Ordinal);
            Assert.Contains("/system/cluster", hierarchy.Output, StringComparison.Ordinal);
            var bTree = await On(b, "actor", "hierarchy", "--json");
            Assert.DoesNotContain("/user/projector\"", bTree.Output, StringComparison.Ordinal);

            var log = await On(c, "log", "peek", "--lines", "50");
            Assert.Equal(0, log.ExitCode);
            Assert.Contains($"Admin endpoint listening on {c.AdminUrl}", log.Output, StringComparison.Ordinal);

            var tail = await On(a, "cluster", "tail", "--count", "4", "--json");
            Assert.Equal(0, tail.ExitCode);
            var events = tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(4, events.Count);
            Assert.All(events, e => Assert.Equal("member-up", e.GetProperty("event").GetString()));

            // b dies: down-unreachable takes it out, and the others go on.
            await b.KillAsync();
            await EventuallyAsync(() => On(a, "cluster", "status"), r => r.ExitCode == 2 && r.Output.Contains($"unreachable: {b.Address}", StringComparison.Ordinal), a);
            var downAll = await On(a, "cluster", "down-unreachable");
            Assert.True(downAll.ExitCode == 0, downAll.Error);
            Assert.Contains($"downed 1: {b.Address}", downAll.Output, StringComparison.Ordinal);
            await EventuallyAsync(() => On(a, "cluster", "show", "--json"), r => Members(r).Count == 3 && Members(r, "Up").Count == 3, a);

            // c dies: downed by its address.
            await c.KillAsync();
            await EventuallyAsync(() => On(d, "cluster", "status"), r => r.Output.Contains($"unreachable: {c.Address}", StringComparison.Ordinal), d);
            var down = await On(d, "cluster", "down", c.Address);
            Assert.True(down.ExitCode == 0, down.Error);
            Assert.Contains($"down {c.Address}", down.Output, StringComparison.Ordinal);
            await EventuallyAsync(() => On(a, "cluster", "show", "--json"), r => Members(r).Count == 2, a);

            // d leaves gracefully: its shards move to a, and its process ends by itself.
            var leave = await On(a, "cluster", "leave", d.Address);
            Assert.True(leave.ExitCode == 0, leave.Error);
            Assert.True(await d.ExitsWithinAsync(TimeSpan.FromSeconds(60)), $"d did not stop after leaving:\n{d.Output}");
            var last = await EventuallyAsync(() => On(a, "cluster", "show", "--json"), r => Members(r).Count == 1, a);
            Assert.Equal([a.Address], Members(last));
            var after = await EventuallyAsync(
                () => On(a, "cluster", "sharding", "stats", "stock-batch", "--json"),
                r => r.ExitCode == 0 && JsonDocument.Parse(r.Output).RootElement.GetProperty("regions").GetArrayLength() == 1,
                a);
            Assert.Equal(a.Address, Assert.Single(JsonDocument.Parse(after.Output).RootElement.GetProperty("regions").EnumerateArray()).GetProperty("address").GetString());

            var bad = await On(a, "cluster", "down", "nowhere");
            Assert.Equal(1, bad.ExitCode);
            Assert.Contains("is not a cluster node address", bad.Error, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresTestDatabase.DropDatabaseAsync(postgres);
        }
    }

    private static List<string> Members(CliRunner.Result result, string? status = null)
    {
        if (result.ExitCode != 0)
        {
            return [];
        }

        return [.. JsonDocument.Parse(result.Output).RootElement.GetProperty("members").EnumerateArray()
            .Where(m => status is null || m.GetProperty("status").GetString() == status)
            .Select(m => m.GetProperty("address").GetString()!)];
    }

    private static async Task<CliRunner.Result> EventuallyAsync(Func<Task<CliRunner.Result>> run, Func<CliRunner.Result, bool> done, LoopbackCluster.Node node)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var result = await run();
        while (!done(result) && watch.Elapsed < Converge)
        {
            await Task.Delay(500);
            result = await run();
        }

        Assert.True(done(result), $"never satisfied; last: exit {result.ExitCode}\n{result.Output}{result.Error}\nnode {node.Name}:\n{node.Output}");
        return result;
    }
}

/// <summary>Cluster tests start several node processes: they run alone, after the other tests of this project.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoopbackClusterCollection
{
    public const string Name = "loopback cluster";
}
