using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>
/// This folder keeps ONNX Runtime's real CUDA provider (as the node hosts and the CLI ship it). On a machine without
/// the NVIDIA libraries, asking for a GPU stops the command or the node at startup, naming what to install; the CPU
/// runs. On a machine with a GPU and CUDA 13 the same tests show the device working instead.
/// </summary>
public sealed class DeviceStartupTests
{
    // A GPU host (nvidia-smi present) is expected to have CUDA 13 and cuDNN 9 too, as bench/gpu-check.sh checks.
    private static readonly bool HasCuda = File.Exists("/usr/bin/nvidia-smi");

    [Fact]
    public async Task Photo_count_on_a_cuda_device_without_the_cuda_libraries_fails_at_once_naming_them_and_cpu_counts()
    {
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "libonnxruntime_providers_cuda.so")), "the CLI ships the CUDA provider");
        using var dir = new TempDirectory("demeter-cli-device");
        var image = dir.Combine("tray.jpg");
        Assert.Equal(0, (await CliRunner.RunAsync("photo", "generate", image, "--plants", "10", "--width", "800", "--height", "600", "--seed", "5")).ExitCode);

        var cuda = await CliRunner.RunAsync("photo", "count", image, "--device", "cuda:0");
        var cpu = await CliRunner.RunAsync("photo", "count", image, "--device", "cpu", "--json");

        Assert.Equal(0, cpu.ExitCode);
        if (HasCuda)
        {
            Assert.Equal(0, cuda.ExitCode);
            return;
        }

        Assert.Equal(1, cuda.ExitCode);
        Assert.Contains("demeter: Device cuda:0 is not available: it needs an NVIDIA GPU and driver, the CUDA 13 runtime", cuda.Error, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9 (libcudnn.so.9)", cuda.Error, StringComparison.Ordinal);
        Assert.Contains("--device cpu", cuda.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cuda.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_started_on_a_cuda_device_without_the_cuda_libraries_stops_at_startup_with_the_reason()
    {
        if (HasCuda)
        {
            return;
        }

        using var data = new TempDirectory("demeter-node-device");
        using var node = CliRunner.Start("Demeter.Api.dll", ["--urls", "http://127.0.0.1:0", "--data", data.Path, .. TestLogin.Arguments, "--device", "cuda:0"]);
        var output = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await node.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, node.ExitCode);
        var said = await output + await error;
        Assert.Contains("Device cuda:0 is not available", said, StringComparison.Ordinal);
        Assert.Contains("CUDA 13", said, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9", said, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tile-size", "16", "Invalid tile size '16'")]
    [InlineData("--tile-size", "big", "Invalid tile size 'big'")]
    [InlineData("--tile-overlap", "1", "Invalid tile overlap '1'")]
    public async Task A_node_refuses_tile_settings_out_of_range_at_startup(string flag, string value, string message)
    {
        using var data = new TempDirectory("demeter-node-tiles");
        using var node = CliRunner.Start("Demeter.Api.dll", ["--urls", "http://127.0.0.1:0", "--data", data.Path, .. TestLogin.Arguments, flag, value]);
        var said = node.StandardOutput.ReadToEndAsync();
        var error = node.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await node.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, node.ExitCode);
        Assert.Contains(message, await said + await error, StringComparison.Ordinal);
    }
}
