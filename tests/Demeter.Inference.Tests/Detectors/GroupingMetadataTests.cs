using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Detectors;

/// <summary>
/// Duplicate grouping after NMS is asked for by the model itself (metadata <see cref="BuiltInPlantDetector.GroupingMetadataKey"/>):
/// the built-in detector asks for it, a trained export without the key does not get it. That an export without the key
/// keeps two overlapping objects whose centres are close (82 px apart, boxes 200 px wide) is shown by
/// <see cref="SegmentModelTests.A_whole_image_pass_keeps_two_overlapping_objects_that_NMS_keeps"/>.
/// </summary>
public sealed class GroupingMetadataTests
{
    // Model-input rows [cx, cy, w, h, plant, weed]: both 100 px wide, centres 20 px apart vertically; the second is 30 px
    // tall and lies inside the first (y 205..235 in 150..250), IoU 3000 / 10000 = 0.3, so NMS at 0.45 keeps both.
    private static readonly float[][] Rows =
    [
        [200, 200, 100, 100, 0.9f, 0f],
        [200, 220, 100, 30, 0.8f, 0f],
    ];

    [Fact]
    public void The_built_in_model_asks_for_grouping_at_half_a_plant()
    {
        using var detector = new YoloDetector(BuiltInPlantDetector.Build());

        Assert.Equal("demeter_grouping_distance", BuiltInPlantDetector.GroupingMetadataKey);
        Assert.Equal("0.5", detector.Contract.Metadata[BuiltInPlantDetector.GroupingMetadataKey]);
    }

    [Fact]
    public void A_model_with_the_key_at_half_drops_the_second_of_two_boxes_whose_centres_are_20_px_apart()
    {
        // NMS alone keeps both (IoU 0.3); grouping drops the 0.8 box: 20 < 0.5 · max(100, 100) = 50.
        var first = new Detection(150, 150, 250, 250, 0.9f, 0, "plant");
        var second = new Detection(150, 205, 250, 235, 0.8f, 0, "plant");
        Assert.Equal(2, NonMaxSuppression.Apply([first, second], 0.45).Count);
        using var detector = new YoloDetector(ModelWithGrouping("0.5"));
        using var image = Bitmaps.Filled(640, 640, SKColors.White);

        var result = detector.Detect(image);

        // 640×640 into a 640 input: scale 1, no padding, so the kept box is the first row's in image pixels.
        var kept = Assert.Single(result.Detections);
        Assert.Equal((150f, 150f, 250f, 250f, 0.9f), (kept.X1, kept.Y1, kept.X2, kept.Y2, kept.Score));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("2")]
    [InlineData("half")]
    public void A_grouping_value_outside_0_to_2_or_not_a_number_turns_grouping_off(string value)
    {
        using var detector = new YoloDetector(ModelWithGrouping(value));
        using var image = Bitmaps.Filled(640, 640, SKColors.White);

        Assert.Equal(2, detector.Detect(image).Detections.Count);
    }

    /// <summary>
    /// A detect export of <see cref="Rows"/> carrying the grouping key. <see cref="FixedOutputModel.Build"/> takes no
    /// metadata, <see cref="FixedOutputModel.BuildSegment"/> does: with task=detect its prototype output is not read.
    /// </summary>
    private static byte[] ModelWithGrouping(string value)
    {
        var (head, shape) = FixedOutputModel.ChannelsFirst(Rows);
        var metadata = new Dictionary<string, string>
        {
            ["task"] = "detect",
            ["names"] = "{0: 'plant', 1: 'weed'}",
            ["imgsz"] = "[640, 640]",
            [BuiltInPlantDetector.GroupingMetadataKey] = value,
        };
        return FixedOutputModel.BuildSegment(head, shape, [0f], [1, 1, 1, 1], metadata);
    }
}
