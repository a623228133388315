using System.Diagnostics;
using System.Text.Json;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>SIGTERM (what `docker stop` and systemd send) makes a node leave the cluster through coordinated shutdown.</summary>
[Collection(LoopbackClusterCollection.Name)]
public sealed class GracefulLeaveTests
{
    [Fact]
    public async Task A_node_told_to_stop_leaves_the_cluster_instead_of_becoming_unreachable()
    {
        var postgres = await PostgresTestDatabase.CreateDatabaseAsync("graceful");
        using var dir = new TempDirectory("demeter-graceful");
        try
        {
            await using var cluster = new LoopbackCluster(dir.Combine("data"), postgres);
            var a = await cluster.StartAsync("a", "api,domain,projector", api: true);
            var b = await cluster.StartAsync("b", "domain");
            using var http = new HttpClient { BaseAddress = new Uri(a.ApiUrl!) };
            var token = (await TestLogin.LoginAsync(http)).GetProperty("accessToken").GetString()!;
            var config = new Dictionary<string, string> { ["DEMETER_TOKEN"] = token, ["DEMETER_SERVER"] = a.ApiUrl! };

            // Follow a's view of the membership while b is told to stop.
            var tail = CliRunner.RunAsync(config, "cluster", "tail", "--json", "--for", "20", "--node", a.AdminUrl);
            await Task.Delay(TimeSpan.FromSeconds(3));
            using (var term = Process.Start("kill", ["-TERM", b.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            Assert.True(await b.ExitsWithinAsync(TimeSpan.FromSeconds(30)), $"b did not stop on SIGTERM:\n{b.Output}");
            Assert.Equal(0, b.Process.ExitCode);
            var events = (await tail).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("address").GetString() == b.Address)
                .Select(e => e.GetProperty("event").GetString())
                .ToList();
            Assert.Contains("member-left", events);
            Assert.Contains("member-removed", events);
            Assert.DoesNotContain("unreachable", events);
        }
        finally
        {
            await PostgresTestDatabase.DropDatabaseAsync(postgres);
        }
    }
}
