using System.Text.Json;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

public sealed class PhotoCountCommandTests
{
    [Fact]
    public async Task Count_with_json_prints_one_object_with_the_detections_in_image_pixels()
    {
        using var dir = new TempDirectory("demeter-cli");
        var image = dir.Combine("tray.jpg");
        var generated = await CliRunner.RunAsync("photo", "generate", image, "--plants", "60", "--width", "1600", "--height", "1200", "--seed", "3");
        Assert.Equal(0, generated.ExitCode);

        var counted = await CliRunner.RunAsync("photo", "count", image, "--json");

        Assert.Equal(0, counted.ExitCode);
        using var json = JsonDocument.Parse(counted.Output);
        var root = json.RootElement;
        Assert.Equal(1600, root.GetProperty("width").GetInt32());
        Assert.Equal(1200, root.GetProperty("height").GetInt32());
        var detected = root.GetProperty("detected").GetInt32();
        Assert.InRange(detected, 57, 63);
        Assert.Equal(detected + root.GetProperty("estimated").GetInt32(), root.GetProperty("total").GetInt32());
        var detections = root.GetProperty("detections").EnumerateArray().ToList();
        Assert.Equal(detected, detections.Count);

        // Soil everywhere: one segment over the whole photo, with its four bands.
        var container = Assert.Single(root.GetProperty("containers").EnumerateArray());
        Assert.Equal(("segment", detected), (container.GetProperty("type").GetString(), container.GetProperty("detected").GetInt32()));
        Assert.Equal([0, 0, 1600, 1200], container.GetProperty("bbox").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Equal([1, 2, 3, 4], root.GetProperty("bands").EnumerateArray().Select(b => b.GetProperty("band").GetInt32()));
        Assert.All(detections, d =>
        {
            Assert.InRange(d.GetProperty("x1").GetDouble(), 0, d.GetProperty("x2").GetDouble());
            Assert.InRange(d.GetProperty("x2").GetDouble(), 0, 1600);
            Assert.InRange(d.GetProperty("y1").GetDouble(), 0, d.GetProperty("y2").GetDouble());
            Assert.InRange(d.GetProperty("y2").GetDouble(), 0, 1200);
            Assert.InRange(d.GetProperty("score").GetDouble(), 0.25, 1);
            Assert.Equal("plant", d.GetProperty("label").GetString());
        });
    }

    [Fact]
    public async Task Whole_image_mode_runs_the_detector_once()
    {
        using var dir = new TempDirectory("demeter-cli");
        var image = dir.Combine("tray.jpg");
        await CliRunner.RunAsync("photo", "generate", image, "--plants", "20", "--width", "800", "--height", "600", "--diameter", "60");

        var counted = await CliRunner.RunAsync("photo", "count", image, "--whole-image");

        Assert.Equal(0, counted.ExitCode);
        Assert.Contains("1 container(s) by whole-photo, 1 detector pass(es)", counted.Output, StringComparison.Ordinal);
        Assert.Contains("total      20", counted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_fails_with_a_clear_message_and_exit_code_1()
    {
        using var dir = new TempDirectory("demeter-cli");
        var text = dir.Combine("notes.txt");
        await File.WriteAllTextAsync(text, "not a photo");

        var result = await CliRunner.RunAsync("photo", "count", text);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not recognised", result.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_model_file_is_reported_not_thrown()
    {
        using var dir = new TempDirectory("demeter-cli");
        var image = dir.Combine("tray.jpg");
        await CliRunner.RunAsync("photo", "generate", image, "--plants", "5", "--width", "640", "--height", "480", "--diameter", "50");

        var result = await CliRunner.RunAsync("photo", "count", image, "--model", dir.Combine("missing.onnx"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("missing.onnx", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_writes_the_overlay_and_the_metrics_when_asked()
    {
        using var dir = new TempDirectory("demeter-cli");
        var image = dir.Combine("tray.jpg");
        await CliRunner.RunAsync("photo", "generate", image, "--plants", "20", "--width", "1200", "--height", "900");
        var overlay = dir.Combine("overlay.png");
        var metrics = dir.Combine("metrics.json");

        var counted = await CliRunner.RunAsync("photo", "count", image, "--overlay", overlay, "--metrics", metrics, "--json");

        Assert.Equal(0, counted.ExitCode);
        var detected = JsonDocument.Parse(counted.Output).RootElement.GetProperty("detected").GetInt32();
        using (var bitmap = SkiaSharp.SKBitmap.Decode(overlay))
        {
            Assert.Equal((1200, 900), (bitmap.Width, bitmap.Height));
        }

        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(metrics));
        Assert.Equal(detected, written.RootElement.GetProperty("detected").GetInt32());
        Assert.Equal(9, written.RootElement.GetProperty("tiles").GetProperty("planned").GetInt32());
    }
}
