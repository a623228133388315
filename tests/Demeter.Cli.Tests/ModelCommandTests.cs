using System.Text.Json;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

public sealed class ModelCommandTests
{
    [Fact]
    public async Task Inspect_prints_what_is_read_from_a_segment_export()
    {
        using var dir = new TempDirectory("demeter-cli");
        var model = dir.Combine("yolov8n-seg.onnx");
        await File.WriteAllBytesAsync(model, SegmentModel());

        var inspected = await CliRunner.RunAsync("model", "inspect", model, "--json");

        Assert.Equal(0, inspected.ExitCode);
        using var json = JsonDocument.Parse(inspected.Output);
        var root = json.RootElement;
        Assert.Equal(("segment", 80, 32), (root.GetProperty("task").GetString(), root.GetProperty("classes").GetInt32(), root.GetProperty("maskChannels").GetInt32()));
        Assert.Equal(640, root.GetProperty("input").GetProperty("width").GetInt32());
        Assert.Equal(["output0", "output1"], root.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("name").GetString()));
        var text = await CliRunner.RunAsync("model", "inspect", model);
        Assert.Contains("mask prototypes (32)", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Detect_prints_the_decoded_detections_with_their_mask_areas()
    {
        using var dir = new TempDirectory("demeter-cli");
        var model = dir.Combine("yolov8n-seg.onnx");
        await File.WriteAllBytesAsync(model, SegmentModel());
        var image = dir.Combine("tray.png");
        var generated = await CliRunner.RunAsync("photo", "generate", image, "--plants", "5", "--width", "640", "--height", "640");
        Assert.Equal(0, generated.ExitCode);

        var detected = await CliRunner.RunAsync("model", "detect", image, "--model", model, "--conf", "0.5", "--json");

        Assert.Equal(0, detected.ExitCode);
        using var json = JsonDocument.Parse(detected.Output);
        var detection = Assert.Single(json.RootElement.GetProperty("detections").EnumerateArray());
        Assert.Equal("person", detection.GetProperty("label").GetString());
        Assert.Equal((100.0, 300.0), (detection.GetProperty("x1").GetDouble(), detection.GetProperty("x2").GetDouble()));
        Assert.Equal(200 * 200, detection.GetProperty("maskArea").GetInt32());
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_refused_with_the_reason()
    {
        using var dir = new TempDirectory("demeter-cli");
        var model = dir.Combine("broken.onnx");
        await File.WriteAllTextAsync(model, "not a model");

        var inspected = await CliRunner.RunAsync("model", "inspect", model);

        Assert.Equal(1, inspected.ExitCode);
        Assert.Contains("broken.onnx", inspected.Error, StringComparison.Ordinal);
    }

    // One person box at input 100..300 with a mask that is on everywhere (prototype 0 = +10), one low-scored box.
    private static byte[] SegmentModel()
    {
        var rows = new float[2][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new float[4 + 80 + 32];
        }

        (rows[0][0], rows[0][1], rows[0][2], rows[0][3], rows[0][4], rows[0][84]) = (200, 200, 200, 200, 0.9f, 1f);
        (rows[1][0], rows[1][1], rows[1][2], rows[1][3], rows[1][5]) = (500, 500, 40, 40, 0.3f);
        var (head, shape) = FixedOutputModel.ChannelsFirst(rows);
        var prototypes = new float[32 * 160 * 160];
        Array.Fill(prototypes, 10f, 0, 160 * 160);
        return FixedOutputModel.BuildSegment(head, shape, prototypes, [1, 32, 160, 160], FixedOutputModel.UltralyticsMetadata("segment", 80));
    }
}
