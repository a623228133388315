using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>The operator commands against a real API process on loopback.</summary>
public sealed class RunningSystemCommandTests
{
    [Fact]
    public async Task Operator_imports_the_layout_sees_the_cluster_uploads_a_photo_and_reads_the_claros_stock()
    {
        using var dir = new TempDirectory("demeter-cli-api");
        var port = FreePort();
        var server = $"http://127.0.0.1:{port}";
        var node = $"http://127.0.0.1:{FreePort()}";
        using var api = CliRunner.StartApi(server, dir.Combine("data"), "--admin-url", node);
        var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = dir.Combine("config") };
        Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(config, args);
        try
        {
            await WaitHealthyAsync(server);
            var anonymous = await Run("cluster", "show", "--node", node, "--server", server);
            Assert.Equal(1, anonymous.ExitCode);
            Assert.Contains("demeter login --server", anonymous.Error, StringComparison.Ordinal);
            var login = await CliRunner.RunAsync(
                new Dictionary<string, string>(config) { ["DEMETER_PASSWORD"] = TestLogin.AdminPassword }, "login", "--server", server, "--username", "admin");
            Assert.True(login.ExitCode == 0, login.Error);
            Assert.Contains("as admin (admin)", login.Output, StringComparison.Ordinal);

            var imported = await Run("import", "layout", CliRunner.SharedNurseryData(), "--server", server);
            Assert.Equal(0, imported.ExitCode);
            Assert.Contains("28 warehouses, 56 storage areas, 1290 storage locations", imported.Output, StringComparison.Ordinal);

            var catalog = await Run("import", "catalog", Path.Combine(CliRunner.SharedNurseryData(), "product_categories.csv"), "--server", server);
            Assert.True(catalog.ExitCode == 0, catalog.Error);
            Assert.Contains("458 lines: 458 created, 0 updated, 0 unchanged, 0 rejected, 0 skipped", catalog.Output, StringComparison.Ordinal);
            var prices = await Run("import", "prices", Path.Combine(CliRunner.SharedNurseryData(), "price_list.csv"), "--server", server);
            Assert.Contains("91 created", prices.Output, StringComparison.Ordinal);
            Assert.Contains("line 58: rejected: unit price: no amount", prices.Output, StringComparison.Ordinal);

            var cluster = await Run("cluster", "show", "--node", node, "--server", server);
            Assert.Equal(0, cluster.ExitCode);
            Assert.Contains("Up", cluster.Output, StringComparison.Ordinal);
            var clusterJson = await Run("cluster", "show", "--json", "--node", node, "--server", server);
            Assert.Contains("\"roles\":[\"api\",\"domain\",\"inference\",\"projector\"]", clusterJson.Output, StringComparison.Ordinal);
            Assert.Contains("leader: akka.tcp://demeter@", cluster.Output, StringComparison.Ordinal);

            var image = dir.Combine("tray.jpg");
            await Run("photo", "generate", image, "--plants", "30", "--width", "1200", "--height", "900", "--diameter", "70", "--lat", "-33.0416364", "--lon", "-68.7035507");
            var uploaded = await Run("photo", "upload", image, "--wait", "--server", server);
            Assert.Equal(0, uploaded.ExitCode);
            Assert.Contains("\"status\": \"completed\"", uploaded.Output, StringComparison.Ordinal);

            // Completed means booked: the claro's stock shows the count at once.
            var stock = await Run("stock", "show", "1291", "--server", server);
            Assert.Equal(0, stock.ExitCode);
            Assert.Contains("total: 30", stock.Output, StringComparison.Ordinal);

            // A manual init, a death, a transplant and the month's reconciliation, as an operator books them.
            var init = await Run("stock", "init", "1292", "--product", "42", "--quantity", "100", "--server", server);
            Assert.Equal(0, init.ExitCode);
            var batch = System.Text.RegularExpressions.Regex.Match(init.Output, "batch ([0-9a-f-]{36})").Groups[1].Value;
            var death = await Run("stock", "move", batch, "--type", "muerte", "--quantity", "3", "--server", server);
            Assert.Contains("muerte -3", death.Output, StringComparison.Ordinal);
            Assert.Contains("now 97", death.Output, StringComparison.Ordinal);
            var refused = await Run("stock", "move", batch, "--type", "ventas", "--quantity", "98", "--server", server);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("available: 97", refused.Error, StringComparison.Ordinal);
            var moved = await Run("stock", "transplant", batch, "--to", "1293", "--quantity", "10", "--server", server);
            Assert.Equal(0, moved.ExitCode);
            Assert.Contains("completed", moved.Output, StringComparison.Ordinal);
            var month = DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            var reconciled = await EventuallyAsync(
                () => Run("stock", "reconcile", "--storage-location", "1292", "--month", month, "--json", "--server", server),
                r => r.Output.Contains("\"transplantsOut\":10", StringComparison.Ordinal));
            Assert.Contains("\"deaths\":3", reconciled.Output, StringComparison.Ordinal);

            // The sowing ledger, twice: the second run books nothing.
            var ledger = Path.Combine(CliRunner.SharedNurseryData(), "seedling_sowing_ledger.csv");
            var sown = await Run("import", "sowing", ledger, "--server", server);
            Assert.Equal(0, sown.ExitCode);
            Assert.Matches("1334 lines: [0-9]{4} imported, 0 already imported", sown.Output);
            var again = await Run("import", "sowing", ledger, "--server", server);
            Assert.Matches("1334 lines: 0 imported, [0-9]{4} already imported", again.Output);
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Commands_against_an_unreachable_server_fail_with_exit_code_1_and_say_where()
    {
        var server = $"http://127.0.0.1:{FreePort()}";

        var result = await CliRunner.RunAsync("cluster", "show", "--node", server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Cannot reach the Demeter API at {server}", result.Error, StringComparison.Ordinal);
    }

    internal static async Task WaitHealthyAsync(string server)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"{server}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{server} did not become healthy.");
    }

    private static async Task<CliRunner.Result> EventuallyAsync(Func<Task<CliRunner.Result>> run, Func<CliRunner.Result, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        var result = await run();
        while (!done(result) && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(250);
            result = await run();
        }

        Assert.True(done(result), $"never satisfied; last output: {result.Output}{result.Error}");
        return result;
    }

    internal static int FreePort() => LoopbackCluster.FreePort();
}
