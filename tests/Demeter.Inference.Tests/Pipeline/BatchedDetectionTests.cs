using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;
using Demeter.Inference.Tests.Support;

namespace Demeter.Inference.Tests.Pipeline;

/// <summary>
/// The fast path (several Runs at once, tiles batched into one Run, reused letterbox buffers) finds exactly what the
/// plain path finds: one tile per Run, one at a time.
/// </summary>
public sealed class BatchedDetectionTests
{
    public static TheoryData<string, int, int> Photos() => new()
    {
        { "tray", 11, 2 },
        { "tray", 12, 3 },
        { "scene", 3, 2 },
        { "scene", 8, 4 },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void Batched_lanes_count_a_photo_exactly_as_one_tile_at_a_time(string kind, int seed, int lanes)
    {
        var jpeg = kind == "tray"
            ? SyntheticTrayPhoto.Generate(2400, 1800, 120, seed, plantDiameterPx: 70).Jpeg
            : SyntheticNurseryScene.Generate(seed).Photo.Jpeg;
        using var batched = new YoloDetector(BuiltInPlantDetector.Build(), new YoloDetectorOptions { MaxBatch = 5, IntraOpThreads = 1 });
        using var segmenter = new BuiltInContainerSegmenter();
        using var photo = PhotoDecoder.Decode(jpeg);

        var plain = new PhotoCounter(SharedDetector.BuiltIn, segmenter).Count(photo.Bitmap, new PhotoCountOptions { OneAtATime = true });
        var fast = new PhotoCounter(batched, segmenter).Count(photo.Bitmap, new PhotoCountOptions { Lanes = lanes });

        Assert.True(plain.Tiles > 5, $"only {plain.Tiles} passes: the batches would not fill");
        Assert.Equal(plain.Tiles, fast.Tiles);
        Assert.Equal(plain.Detections, fast.Detections);
        Assert.Equal((plain.Detected, plain.Estimated), (fast.Detected, fast.Estimated));
        Assert.Equal(plain.Containers.Select(c => (c.Index, c.Detected, c.Estimated)), fast.Containers.Select(c => (c.Index, c.Detected, c.Estimated)));
    }

    [Fact]
    public void A_batch_holds_what_each_of_its_tiles_alone_finds_whatever_its_neighbours()
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(1600, 1200, 60, seed: 4, plantDiameterPx: 80).Jpeg);
        var tiles = new[] { new PixelRect(0, 0, 512, 512), new PixelRect(400, 300, 512, 512), new PixelRect(1088, 688, 512, 512), new PixelRect(0, 0, 1600, 1200) };
        using var detector = new YoloDetector(BuiltInPlantDetector.Build(), new YoloDetectorOptions { MaxBatch = 4 });
        using var renderer = detector.CreateRenderer();

        var alone = tiles.Select(t => SharedDetector.BuiltIn.Detect(photo.Bitmap, t).Detections).ToList();
        var together = detector.DetectBatch(tiles.Select(t => new DetectionInput(photo.Bitmap, t)).ToArray(), renderer);
        var reversed = detector.DetectBatch(tiles.Reverse().Select(t => new DetectionInput(photo.Bitmap, t)).ToArray(), renderer);

        Assert.Equal(4, detector.MaxBatch);
        Assert.All(alone, a => Assert.NotEmpty(a));
        Assert.Equal(alone, together.Select(r => r.Detections));
        Assert.Equal(alone, reversed.Reverse().Select(r => r.Detections));
        Assert.All(together, r => Assert.True(r.InferenceTime > TimeSpan.Zero));
    }

    [Fact]
    public void A_static_batch_export_runs_one_image_per_call_and_refuses_a_larger_batch()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[320, 320, 40, 40, 0.9f, 0.1f]]);
        using var detector = new YoloDetector(FixedOutputModel.Build(data, shape), new YoloDetectorOptions { MaxBatch = 8 });
        using var renderer = detector.CreateRenderer();
        using var image = new SkiaSharp.SKBitmap(640, 640);
        var input = new DetectionInput(image, new PixelRect(0, 0, 640, 640));

        Assert.Equal(1, detector.MaxBatch);
        Assert.Single(detector.DetectBatch([input], renderer)[0].Detections);
        Assert.Throws<ArgumentOutOfRangeException>(() => detector.DetectBatch([input, input], renderer));
    }

    [Theory]
    [InlineData("cpu", 2, 0, 0, 2, 1)]
    [InlineData("cpu", 8, 0, 0, 8, 1)]
    [InlineData("cpu", 8, 2, 0, 2, 4)]
    [InlineData("cpu", 8, 3, 2, 3, 2)]
    [InlineData("cuda:0", 8, 0, 0, 2, 1)]
    [InlineData("cpu", 1, 0, 0, 1, 1)]
    public void Threads_default_to_one_single_threaded_lane_per_core_on_the_cpu_and_two_lanes_on_a_gpu(
        string device, int cores, int lanes, int intra, int expectedLanes, int expectedIntra)
    {
        Assert.Equal(new InferenceThreads(expectedLanes, expectedIntra), InferenceThreads.For(ExecutionDevice.Parse(device), cores, lanes, intra));
        Assert.Equal(device == "cpu" ? 1 : 8, InferenceThreads.DefaultMaxBatch(ExecutionDevice.Parse(device)));
    }
}
