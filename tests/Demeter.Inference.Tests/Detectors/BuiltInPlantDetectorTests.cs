using Demeter.Inference.Detectors;
using Demeter.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Demeter.Inference.Tests.Detectors;

public class BuiltInPlantDetectorTests
{
    [Fact]
    public void Generated_model_loads_in_onnx_runtime_with_the_YOLOv8_input_and_output_shapes_and_a_dynamic_batch()
    {
        using var session = new InferenceSession(BuiltInPlantDetector.Build());

        var input = Assert.Single(session.InputMetadata);
        Assert.Equal("images", input.Key);
        Assert.Equal([-1, 3, 640, 640], input.Value.Dimensions);
        var output = Assert.Single(session.OutputMetadata);
        Assert.Equal("output0", output.Key);
        Assert.Equal([-1, 5, 160 * 160], output.Value.Dimensions);
        Assert.Equal("{0: 'plant'}", session.ModelMetadata.CustomMetadataMap["names"]);
    }

    [Fact]
    public void Running_the_model_produces_the_declared_output_shape()
    {
        using var session = new InferenceSession(BuiltInPlantDetector.Build(new BuiltInPlantDetectorOptions { InputSizePx = 320 }));
        var input = new float[3 * 320 * 320];
        using var value = OrtValue.CreateTensorValueFromMemory(input, [1, 3, 320, 320]);
        using var runOptions = new RunOptions();

        using var outputs = session.Run(runOptions, ["images"], [value], ["output0"]);

        Assert.Equal([1L, 5L, 80L * 80L], outputs[0].GetTensorTypeAndShape().Shape);
    }

    [Fact]
    public void The_same_options_always_give_the_same_bytes_and_other_options_different_ones()
    {
        Assert.Equal(BuiltInPlantDetector.Build(), BuiltInPlantDetector.Build());
        Assert.NotEqual(BuiltInPlantDetector.Build(), BuiltInPlantDetector.Build(new BuiltInPlantDetectorOptions { PeakGate = 0.2f }));
    }

    [Fact]
    public void EnsureModelFile_writes_the_model_once_and_repairs_a_changed_file()
    {
        var directory = Path.Combine(Path.GetTempPath(), "demeter-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            var path = BuiltInPlantDetector.EnsureModelFile(directory);
            Assert.Equal(Path.Combine(directory, "builtin-plant-detector-v1.onnx"), path);
            Assert.Equal(BuiltInPlantDetector.Build(), File.ReadAllBytes(path));
            var written = File.GetLastWriteTimeUtc(path);

            Assert.Equal(path, BuiltInPlantDetector.EnsureModelFile(directory));
            Assert.Equal(written, File.GetLastWriteTimeUtc(path));

            using (var detector = new YoloDetector(path))
            {
                Assert.Equal(["plant"], detector.Labels);
            }

            File.WriteAllBytes(path, [1, 2, 3]);
            BuiltInPlantDetector.EnsureModelFile(directory);
            Assert.Equal(BuiltInPlantDetector.Build(), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(directory));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Letterbox_grey_and_bare_soil_never_fire()
    {
        using var grey = Bitmaps.Filled(900, 300, new SKColor(Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue));
        using var soil = Bitmaps.Filled(640, 640, new SKColor(120, 92, 66));

        Assert.Empty(SharedDetector.BuiltIn.Detect(grey).Detections);
        Assert.Empty(SharedDetector.BuiltIn.Detect(soil).Detections);
    }

    [Theory]
    [InlineData(250, 400, 40)]
    [InlineData(100, 500, 20)]
    [InlineData(330, 310, 100)]
    public void A_uniform_green_disc_is_found_once_at_its_centre_with_a_box_of_its_size(float x, float y, float radius)
    {
        using var image = Bitmaps.Filled(640, 640, new SKColor(120, 92, 66));
        using (var canvas = new SKCanvas(image))
        using (var paint = new SKPaint { Color = new SKColor(60, 170, 50), IsAntialias = true })
        {
            canvas.DrawCircle(x, y, radius, paint);
        }

        var detection = Assert.Single(SharedDetector.BuiltIn.Detect(image).Detections);

        // Centres are cell centres (4 px grid); box side is the diameter of the disc with the vegetation area.
        Assert.Equal("plant", detection.Label);
        Assert.InRange(detection.Score, 0.9f, 1f);
        Assert.InRange(detection.Center.X, x - 4, x + 4);
        Assert.InRange(detection.Center.Y, y - 4, y + 4);
        Assert.InRange(detection.Width, 2 * radius * 0.9f, 2 * radius * 1.1f);
        Assert.Equal(detection.Width, detection.Height, 0.01f);
    }

    [Theory]
    [InlineData(630)]
    [InlineData(50)]
    [InlineData(3)]
    public void Invalid_options_are_rejected(int inputSize)
    {
        Assert.Throws<ArgumentException>(() => BuiltInPlantDetector.Build(new BuiltInPlantDetectorOptions { InputSizePx = inputSize, CellSizePx = 8 }));
    }
}
