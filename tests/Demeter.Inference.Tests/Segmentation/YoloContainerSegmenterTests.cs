using System.Security.Cryptography;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using Demeter.Inference.Detectors;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Segmentation;

/// <summary>
/// A nursery's segment export (fixed-output ONNX models in the Ultralytics segment layout) as container segmenter:
/// which containers come out, in which order, typed how, with which box and mask, in the photo's pixels.
/// </summary>
public sealed class YoloContainerSegmenterTests : IDisposable
{
    private const int InputSize = 640;
    private const int MaskChannels = 2;

    // Prototypes are 1/4 of the model input, as Ultralytics exports them.
    private const int Grid = InputSize / 4;
    private const string NurseryNames = "{0: 'segmento', 1: 'cajon', 2: 'almacigo', 3: 'plug'}";

    private readonly string _directory = Directory.CreateTempSubdirectory("demeter-yolo-segmenter-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a model still mapped by a session must not fail the test.
        }
    }

    [Fact]
    public void Two_instances_become_two_containers_most_confident_first_with_type_box_and_mask()
    {
        // Candidate 0 (listed first, less confident): class 1 'cajon' at 0.70, cx 560 cy 580 w 200 h 160, i.e.
        // x 460..660 × y 500..660, clipped to the 640×640 image: 460..640 × 500..640. Its coefficients (0, 1) pick
        // prototype 1, on everywhere: the mask is the whole clipped box, 180 × 140 = 25 200 pixels.
        // Candidate 1: class 0 'segmento' at 0.90, cx 200.5 cy 250 w 240 h 340, i.e. x 80.5..320.5 × y 80..420;
        // whole pixels: floor 80 .. ceil 321 → PixelRect(80, 80, 241, 340). Its coefficients (1, 0) pick prototype
        // 0, on over grid cells x 25..74, y 25..99 = input x 100..300, y 100..400: the mask is that rectangle
        // (≈ 200 × 300 pixels), smaller than the box.
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 560, cy: 580, w: 200, h: 160, classId: 1, score: 0.70f, coefficients: [0f, 1f]),
            Row(4, cx: 200.5f, cy: 250, w: 240, h: 340, classId: 0, score: 0.90f, coefficients: [1f, 0f]),
        ]);
        using var segmenter = new YoloContainerSegmenter(path);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);

        // Photo = image = model input: no letterbox, no scaling.
        var segmentation = segmenter.Segment(image, InputSize, InputSize);

        Assert.Equal(2, segmentation.Containers.Count);
        var (segment, box) = (segmentation.Containers[0], segmentation.Containers[1]);
        Assert.Equal(
            (0, ContainerTypes.Segment, StorageBinCategory.Segment, "segmento", 0.90f),
            (segment.Index, segment.Type, segment.Category, segment.RawClass, segment.Confidence),
            new FloatTolerantComparer());
        Assert.Equal(
            (1, ContainerTypes.Box, StorageBinCategory.Box, "cajon", 0.70f),
            (box.Index, box.Type, box.Category, box.RawClass, box.Confidence),
            new FloatTolerantComparer());
        Assert.Equal(new PixelRect(80, 80, 241, 340), segment.Box);
        Assert.Equal(new PixelRect(460, 500, 180, 140), box.Box);

        // The masks are on the image's 640×640 grid over the 640×640 photo.
        Assert.Equal((InputSize, InputSize, InputSize, InputSize), (segment.Mask.GridWidth, segment.Mask.GridHeight, segment.Mask.PhotoWidth, segment.Mask.PhotoHeight));

        // The large container: on at its box centre (200.5, 250), off inside its box but outside prototype 0
        // (90, 90), off far outside its box (600, 600) and in the other container (550, 570).
        Assert.True(segment.Mask.Contains(200.5f, 250));
        Assert.True(segment.Mask.Contains(110, 110) && segment.Mask.Contains(290, 390));
        Assert.False(segment.Mask.Contains(90, 90));
        Assert.False(segment.Mask.Contains(600, 600) || segment.Mask.Contains(550, 570) || segment.Mask.Contains(10, 630));
        Assert.InRange(segment.Mask.CellCount, 199 * 299, 201 * 301);
        Assert.Equal(new PixelRect(100, 100, 200, 300), segment.Mask.Bounds(), new RectWithinOnePixel());

        // The box: on at its box centre (550, 570) and right up to the image's edge, off far outside it.
        Assert.True(box.Mask.Contains(550, 570) && box.Mask.Contains(460.5f, 500.5f) && box.Mask.Contains(639.5f, 639.5f));
        Assert.False(box.Mask.Contains(200, 250) || box.Mask.Contains(459, 570) || box.Mask.Contains(550, 499) || box.Mask.Contains(20, 20));
        Assert.Equal(180 * 140, box.Mask.CellCount);
        Assert.Equal(box.Box, box.Mask.Bounds());
    }

    [Fact]
    public void A_photo_twice_the_image_size_gets_boxes_and_masks_twice_as_large()
    {
        // The same two instances on the 640×640 image of a 1280×1280 photo (scale 2):
        // segmento 80.5..320.5 × 80..420 → floor 161 .. ceil 641 × 160..840 → PixelRect(161, 160, 480, 680);
        // cajon 460..640 × 500..640 → 920..1280 × 1000..1280 → PixelRect(920, 1000, 360, 280).
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 560, cy: 580, w: 200, h: 160, classId: 1, score: 0.70f, coefficients: [0f, 1f]),
            Row(4, cx: 200.5f, cy: 250, w: 240, h: 340, classId: 0, score: 0.90f, coefficients: [1f, 0f]),
        ]);
        using var segmenter = new YoloContainerSegmenter(path);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);

        var segmentation = segmenter.Segment(image, 2 * InputSize, 2 * InputSize);

        Assert.Equal(["segmento", "cajon"], segmentation.Containers.Select(c => c.RawClass));
        var (segment, box) = (segmentation.Containers[0], segmentation.Containers[1]);
        Assert.Equal(new PixelRect(161, 160, 480, 680), segment.Box);
        Assert.Equal(new PixelRect(920, 1000, 360, 280), box.Box);
        Assert.Equal((InputSize, InputSize, 2 * InputSize, 2 * InputSize), (box.Mask.GridWidth, box.Mask.GridHeight, box.Mask.PhotoWidth, box.Mask.PhotoHeight));

        // Contains answers in photo pixels: photo (401, 500) is image (200.5, 250), the large container's centre;
        // photo (580, 780) is image (290, 390), inside prototype 0's rectangle (it would be outside a 640×640 mask);
        // photo (180, 180) is image (90, 90), in the box but not the mask.
        Assert.True(segment.Mask.Contains(401, 500) && segment.Mask.Contains(580, 780));
        Assert.False(segment.Mask.Contains(180, 180) || segment.Mask.Contains(1200, 1200) || segment.Mask.Contains(1300, 500));

        // Photo (1100, 1140) is image (550, 570), the box's centre; photo (1279, 1279) its far corner; photo
        // (900, 1140) is image (450, 570), left of it.
        Assert.True(box.Mask.Contains(1100, 1140) && box.Mask.Contains(1279, 1279));
        Assert.False(box.Mask.Contains(900, 1140) || box.Mask.Contains(550, 570) || box.Mask.Contains(1280, 1279));

        // Each of the 25 200 cells is 2 × 2 photo pixels; the mask's bounds are the scaled box.
        Assert.Equal(180.0 * 140 * 4, box.Mask.AreaPx);
        Assert.Equal(box.Box, box.Mask.Bounds());
    }

    [Fact]
    public void A_class_name_the_nursery_never_used_is_its_own_type_booked_as_a_segment()
    {
        // 'Bandeja' is none of the known spellings: ContainerTypes.FromRawName lower-cases it into the type and
        // books it as a segment; the raw class keeps the model's spelling.
        var path = WriteSegmentModel("{0: 'Bandeja'}", classes: 1,
        [
            Row(1, cx: 320, cy: 320, w: 200, h: 100, classId: 0, score: 0.80f, coefficients: [0f, 1f]),
        ]);
        using var segmenter = new YoloContainerSegmenter(path);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);

        var only = Assert.Single(segmenter.Segment(image, InputSize, InputSize).Containers);

        Assert.Equal((0, "bandeja", StorageBinCategory.Segment, "Bandeja"), (only.Index, only.Type, only.Category, only.RawClass));
        // cx 320 cy 320 w 200 h 100: x 220..420 × y 270..370.
        Assert.Equal(new PixelRect(220, 270, 200, 100), only.Box);
        Assert.True(only.Mask.Contains(320, 320));
        Assert.False(only.Mask.Contains(100, 100));
    }

    [Fact]
    public void The_segment_model_names_itself_by_file_name_and_hash_and_takes_its_input_size()
    {
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 320, cy: 320, w: 100, h: 100, classId: 2, score: 0.50f, coefficients: [0f, 1f]),
        ]);
        var expectedSha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

        using var segmenter = new YoloContainerSegmenter(path);

        Assert.Equal((Path.GetFileName(path), expectedSha, InputSize), (segmenter.Name, segmenter.Sha256, segmenter.InputLongSidePx));
    }

    [Fact]
    public void A_detect_export_is_refused_as_a_segmenter()
    {
        // A detect model (one output (1, 4+2, 1), no prototypes, names plant/weed) is a valid YOLO export but
        // gives no masks.
        var (data, shape) = FixedOutputModel.ChannelsFirst([[320, 320, 100, 100, 0.9f, 0f]]);
        var path = Path.Combine(_directory, "plants-detect.onnx");
        File.WriteAllBytes(path, FixedOutputModel.Build(data, shape));

        var error = Assert.Throws<InvalidModelException>(() => new YoloContainerSegmenter(path));

        Assert.Contains("must be a segment export", error.Message, StringComparison.Ordinal);
        Assert.Contains("plants-detect.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains("Detect", error.Message, StringComparison.Ordinal);

        // Through the setting, too.
        Assert.Throws<InvalidModelException>(() => ContainerSegmenters.Open(path));
    }

    [Fact]
    public void A_file_that_is_no_model_is_refused()
    {
        var path = Path.Combine(_directory, "notes.onnx");
        File.WriteAllText(path, "not an onnx model");

        Assert.Throws<InvalidModelException>(() => new YoloContainerSegmenter(path));
    }

    [Fact]
    public void No_instance_above_the_default_threshold_gives_no_containers()
    {
        // Default confidence 0.30: scores 0.29 and 0.10 are both below it.
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 200, cy: 200, w: 200, h: 200, classId: 0, score: 0.29f, coefficients: [0f, 1f]),
            Row(4, cx: 500, cy: 500, w: 100, h: 100, classId: 1, score: 0.10f, coefficients: [0f, 1f]),
        ]);
        using var segmenter = new YoloContainerSegmenter(path);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);

        var segmentation = segmenter.Segment(image, 4000, 4000);

        Assert.Empty(segmentation.Containers);
        Assert.True(segmentation.Elapsed >= TimeSpan.Zero);
    }

    [Fact]
    public void A_lower_threshold_keeps_the_instances_the_default_one_drops()
    {
        // The same scores 0.29 and 0.10 with confidence 0.20: only the 0.29 one passes.
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 200, cy: 200, w: 200, h: 200, classId: 0, score: 0.29f, coefficients: [0f, 1f]),
            Row(4, cx: 500, cy: 500, w: 100, h: 100, classId: 1, score: 0.10f, coefficients: [0f, 1f]),
        ]);
        using var segmenter = new YoloContainerSegmenter(path, confidence: 0.20f);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);

        var only = Assert.Single(segmenter.Segment(image, InputSize, InputSize).Containers);

        Assert.Equal(("segmento", new PixelRect(100, 100, 200, 200)), (only.RawClass, only.Box));
    }

    [Theory]
    [InlineData("builtin")]
    [InlineData(" BuiltIn ")]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void The_builtin_setting_or_none_opens_the_builtin_segmenter(string? setting)
    {
        using var segmenter = ContainerSegmenters.Open(setting);

        Assert.IsType<BuiltInContainerSegmenter>(segmenter);
    }

    [Theory]
    [InlineData("whole-photo")]
    [InlineData("Whole-Photo")]
    public void The_whole_photo_setting_opens_the_whole_photo_segmenter(string setting)
    {
        using var segmenter = ContainerSegmenters.Open(setting);

        Assert.IsType<WholePhotoSegmenter>(segmenter);
    }

    [Fact]
    public void A_path_setting_opens_the_segment_model()
    {
        var path = WriteSegmentModel(NurseryNames, classes: 4,
        [
            Row(4, cx: 320, cy: 320, w: 100, h: 100, classId: 3, score: 0.60f, coefficients: [0f, 1f]),
        ]);

        using var segmenter = ContainerSegmenters.Open(path);

        var yolo = Assert.IsType<YoloContainerSegmenter>(segmenter);
        Assert.Equal(Path.GetFileName(path), yolo.Name);
        using var image = Bitmaps.Filled(InputSize, InputSize, SKColors.White);
        var only = Assert.Single(yolo.Segment(image, InputSize, InputSize).Containers);
        Assert.Equal((ContainerTypes.Plug, StorageBinCategory.Plug, "plug"), (only.Type, only.Category, only.RawClass));
    }

    [Fact]
    public void A_missing_path_is_not_found_and_named()
    {
        var path = Path.Combine(_directory, "missing-segmenter.onnx");

        var error = Assert.Throws<FileNotFoundException>(() => ContainerSegmenters.Open(path));

        Assert.Equal(path, error.FileName);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A segment export with <paramref name="classes"/> classes named <paramref name="names"/>, two mask prototypes
    /// over a 160×160 grid (prototype 0 on over cells x 25..74, y 25..99 = input x 100..300, y 100..400; prototype 1
    /// on everywhere) and the given candidate rows, written to a file of the test's temp directory.
    /// </summary>
    private string WriteSegmentModel(string names, int classes, float[][] rows)
    {
        var prototypes = new float[MaskChannels * Grid * Grid];
        const int plane = Grid * Grid;
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                prototypes[(y * Grid) + x] = x is >= 25 and < 75 && y is >= 25 and < 100 ? 10f : -10f;
                prototypes[plane + (y * Grid) + x] = 10f;
            }
        }

        var metadata = FixedOutputModel.UltralyticsMetadata("segment", classes, InputSize);
        metadata["names"] = names;
        var (head, headShape) = FixedOutputModel.ChannelsFirst(rows);
        var bytes = FixedOutputModel.BuildSegment(head, headShape, prototypes, [1, MaskChannels, Grid, Grid], metadata, InputSize);
        var path = Path.Combine(_directory, $"containers-seg-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>One candidate [cx, cy, w, h, class scores..., mask coefficients...].</summary>
    private static float[] Row(int classes, float cx, float cy, float w, float h, int classId, float score, float[] coefficients)
    {
        var row = new float[4 + classes + MaskChannels];
        (row[0], row[1], row[2], row[3]) = (cx, cy, w, h);
        row[4 + classId] = score;
        coefficients.CopyTo(row, 4 + classes);
        return row;
    }

    /// <summary>Tuples of (index, type, category, raw class, confidence), the confidence compared to 1e-6.</summary>
    private sealed class FloatTolerantComparer : IEqualityComparer<(int, string, StorageBinCategory, string, float)>
    {
        public bool Equals((int, string, StorageBinCategory, string, float) x, (int, string, StorageBinCategory, string, float) y) =>
            (x.Item1, x.Item2, x.Item3, x.Item4) == (y.Item1, y.Item2, y.Item3, y.Item4) && Math.Abs(x.Item5 - y.Item5) < 1e-6f;

        public int GetHashCode((int, string, StorageBinCategory, string, float) obj) => HashCode.Combine(obj.Item1, obj.Item2, obj.Item3, obj.Item4);
    }

    /// <summary>Rectangles whose edges agree within one pixel (a mask edge decoded from a bilinear upscale).</summary>
    private sealed class RectWithinOnePixel : IEqualityComparer<PixelRect>
    {
        public bool Equals(PixelRect x, PixelRect y) =>
            Math.Abs(x.X - y.X) <= 1 && Math.Abs(x.Y - y.Y) <= 1 && Math.Abs(x.Right - y.Right) <= 1 && Math.Abs(x.Bottom - y.Bottom) <= 1;

        public int GetHashCode(PixelRect obj) => 0;
    }
}
