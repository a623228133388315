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
        using var api = CliRunner.Start("Demeter.Api.dll", ["--urls", server, "--data", dir.Combine("data")]);
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        try
        {
            await WaitHealthyAsync(server);

            var imported = await CliRunner.RunAsync("import", "layout", CliRunner.SharedNurseryData(), "--server", server);
            Assert.Equal(0, imported.ExitCode);
            Assert.Contains("28 warehouses, 56 storage areas, 1290 storage locations", imported.Output, StringComparison.Ordinal);

            var cluster = await CliRunner.RunAsync("cluster", "show", "--server", server);
            Assert.Equal(0, cluster.ExitCode);
            Assert.Contains("Up", cluster.Output, StringComparison.Ordinal);
            Assert.Contains("api,inference,worker", cluster.Output, StringComparison.Ordinal);
            Assert.Contains("leader: akka.tcp://demeter@", cluster.Output, StringComparison.Ordinal);

            var image = dir.Combine("tray.jpg");
            await CliRunner.RunAsync("photo", "generate", image, "--plants", "30", "--width", "1200", "--height", "900", "--diameter", "70", "--lat", "-33.0416364", "--lon", "-68.7035507");
            var uploaded = await CliRunner.RunAsync("photo", "upload", image, "--wait", "--server", server);
            Assert.Equal(0, uploaded.ExitCode);
            Assert.Contains("\"status\": \"completed\"", uploaded.Output, StringComparison.Ordinal);

            var stock = await EventuallyAsync(
                () => CliRunner.RunAsync("stock", "show", "1291", "--server", server),
                r => r.Output.Contains("total: 30", StringComparison.Ordinal));
            Assert.Equal(0, stock.ExitCode);
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

        var result = await CliRunner.RunAsync("cluster", "show", "--server", server);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"Cannot reach the Demeter API at {server}", result.Error, StringComparison.Ordinal);
    }

    private static async Task WaitHealthyAsync(string server)
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
