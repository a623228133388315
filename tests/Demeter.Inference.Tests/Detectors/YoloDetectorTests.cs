using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Detectors;

public class YoloDetectorTests
{
    [Fact]
    public void Letterbox_scales_uniformly_centres_the_image_and_maps_points_back()
    {
        var box = Letterbox.Fit(1280, 640, 640, 640);

        Assert.Equal(new Letterbox(0.5f, 0.5f, 0, 160, 640, 320), box);
        Assert.Equal((320f, 320f), box.ToInput(640, 320));
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var (x, y) = (random.NextSingle() * 1280, random.NextSingle() * 640);
            var (bx, by) = box.ToSource(box.ToInput(x, y).X, box.ToInput(x, y).Y);
            Assert.Equal(x, bx, 3);
            Assert.Equal(y, by, 3);
        }
    }

    [Fact]
    public void Boxes_in_model_pixels_are_mapped_back_through_the_letterbox_and_clipped_to_the_image()
    {
        // Model-input boxes: one in the middle; one reaching into the top padding band (y < 160).
        var (data, shape) = FixedOutputModel.ChannelsFirst(
        [
            [320, 320, 100, 50, 0.9f, 0f],
            [320, 170, 100, 40, 0f, 0.8f],
        ]);
        using var detector = new YoloDetector(FixedOutputModel.Build(data, shape));
        using var image = Bitmaps.Filled(1280, 640, SKColors.White);

        var result = detector.Detect(image);

        Assert.Equal(
            [new Detection(540, 270, 740, 370, 0.9f, 0, "plant"), new Detection(540, 0, 740, 60, 0.8f, 1, "weed")],
            result.Detections);
        Assert.True(result.InferenceTime > TimeSpan.Zero);
    }

    [Fact]
    public void A_dynamically_quantized_int8_model_runs_and_decodes_the_same()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[320, 320, 100, 50, 0.9f, 0f]]);
        using var quantized = new YoloDetector(FixedOutputModel.BuildQuantized(data, shape));
        using var plain = new YoloDetector(FixedOutputModel.Build(data, shape));
        using var image = Bitmaps.Filled(1280, 640, SKColors.SaddleBrown);

        Assert.Equal(plain.Detect(image).Detections, quantized.Detect(image).Detections);
        Assert.Equal([new Detection(540, 270, 740, 370, 0.9f, 0, "plant")], quantized.Detect(image).Detections);
    }

    [Fact]
    public void A_region_is_detected_in_its_own_frame()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[320, 320, 100, 50, 0.9f, 0f]]);
        using var detector = new YoloDetector(FixedOutputModel.Build(data, shape));
        using var image = Bitmaps.Filled(2000, 1000, SKColors.White);

        var result = detector.Detect(image, new PixelRect(300, 200, 1280, 640));

        Assert.Equal([new Detection(540, 270, 740, 370, 0.9f, 0, "plant")], result.Detections);
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.Detect(image, new PixelRect(1000, 0, 1280, 640)));
    }

    [Fact]
    public void Input_size_is_read_from_the_model_and_the_transposed_output_layout_is_accepted()
    {
        // 384 × 640 input: a 1000×500 image scales by 0.64 to 640×320 with 32 px bands top and bottom.
        // Eight candidates × six attributes, candidate-major; only the first scores above the threshold.
        var transposed = new float[8 * 6];
        float[] first = [320, 192, 64, 64, 0.7f, 0.1f];
        first.CopyTo(transposed, 0);
        using var detector = new YoloDetector(FixedOutputModel.Build(transposed, [1, 8, 6], inputWidth: 640, inputHeight: 384));
        using var image = Bitmaps.Filled(1000, 500, SKColors.White);

        var detection = Assert.Single(detector.Detect(image).Detections);

        Assert.Equal((640, 384), (detector.InputWidth, detector.InputHeight));
        Assert.Equal(("plant", 0.7f), (detection.Label, detection.Score));
        Assert.Equal([450f, 200f, 550f, 300f], [detection.X1, detection.Y1, detection.X2, detection.Y2], (a, b) => Math.Abs(a - b) < 1e-3);
    }

    [Fact]
    public void A_model_with_a_dynamic_input_size_uses_the_fallback_size()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[160, 160, 32, 32, 0.9f, 0f]]);
        var model = FixedOutputModel.Build(data, shape, inputWidth: null, inputHeight: null);
        using var detector = new YoloDetector(model, new YoloDetectorOptions { FallbackInputSizePx = 320 });
        using var image = Bitmaps.Filled(640, 640, SKColors.White);

        var detection = Assert.Single(detector.Detect(image).Detections);

        Assert.Equal((320, 320), (detector.InputWidth, detector.InputHeight));
        Assert.Equal(new Detection(288, 288, 352, 352, 0.9f, 0, "plant"), detection);
    }

    [Fact]
    public void Built_in_detector_finds_plants_of_a_non_square_photo_at_their_true_positions()
    {
        // 1500×600 → scale 0.4267, 192 px grey bands above and below: centres only match if un-letterboxing is right.
        var photo = SyntheticTrayPhoto.Generate(1500, 600, 12, seed: 11, plantDiameterPx: 90);
        using var decoded = PhotoDecoder.Decode(photo.Jpeg);

        var detections = SharedDetector.BuiltIn.Detect(decoded.Bitmap).Detections;

        Assert.Equal(12, detections.Count);
        Assert.Equal(12, PlantMatching.Matched(photo.Plants, detections, toleranceOfDiameter: 0.15));
    }

    [Fact]
    public void Concurrent_detection_gives_the_same_result_as_sequential_detection()
    {
        var photo = SyntheticTrayPhoto.Generate(800, 600, 10, seed: 5, plantDiameterPx: 70);
        using var decoded = PhotoDecoder.Decode(photo.Jpeg);
        var expected = SharedDetector.BuiltIn.Detect(decoded.Bitmap).Detections;

        var results = new IReadOnlyList<Detection>[4];
        Parallel.For(0, results.Length, i => results[i] = SharedDetector.BuiltIn.Detect(decoded.Bitmap).Detections);

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Cuda_device_without_the_CUDA_libraries_fails_at_once_naming_what_to_install()
    {
        // This test folder leaves the CUDA provider out (Directory.Build.targets); the CLI tests ask the real one.
        var error = Assert.Throws<DeviceUnavailableException>(() => new YoloDetector(BuiltInPlantDetector.Build(), new YoloDetectorOptions { Device = "cuda:0" }));

        Assert.StartsWith("Device cuda:0 is not available: it needs an NVIDIA GPU and driver, the CUDA 13 runtime", error.Message, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("--device cpu", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Unknown_devices_are_rejected(string device)
    {
        Assert.Throws<ArgumentException>(() => new YoloDetector(BuiltInPlantDetector.Build(), new YoloDetectorOptions { Device = device }));
    }

    [Theory]
    [InlineData("cpu", false, 0)]
    [InlineData(" CUDA ", true, 0)]
    [InlineData("cuda:2", true, 2)]
    public void Devices_parse(string text, bool cuda, int index)
    {
        Assert.Equal(new ExecutionDevice(cuda, index), ExecutionDevice.Parse(text));
    }
}
