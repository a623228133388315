using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Tests.Support;

namespace Demeter.Inference.Tests.Detectors;

public class YoloOutputDecoderTests
{
    private static readonly string[] Labels = ["plant", "weed"];

    // cx, cy, w, h, plant score, weed score
    private static readonly float[][] Candidates =
    [
        [100, 100, 40, 20, 0.90f, 0.10f], // plant
        [104, 102, 40, 20, 0.80f, 0.05f], // duplicate of the first (IoU ≈ 0.7) → removed by NMS
        [100, 100, 40, 20, 0.05f, 0.60f], // same place, other class → kept
        [300, 200, 10, 10, 0.20f, 0.24f], // below 0.25 → filtered
        [500, 400, 60, 60, 0.30f, 0.26f], // best class is plant at 0.30
    ];

    [Fact]
    public void Decoding_filters_by_best_class_score_and_converts_centre_size_to_corners()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst(Candidates);

        var decoded = YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2);

        Assert.Equal(
            [
                new Detection(80, 90, 120, 110, 0.90f, 0, "plant"),
                new Detection(84, 92, 124, 112, 0.80f, 0, "plant"),
                new Detection(80, 90, 120, 110, 0.60f, 1, "weed"),
                new Detection(470, 370, 530, 430, 0.30f, 0, "plant"),
            ],
            decoded);
    }

    [Fact]
    public void The_transposed_layout_decodes_to_the_same_candidates()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst(Candidates);
        var transposed = Candidates.SelectMany(c => c).ToArray();

        Assert.Equal(
            YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2),
            YoloOutputDecoder.Decode(transposed, [1, Candidates.Length, 6], 0.25f, Labels, classCount: 2));
    }

    [Fact]
    public void Without_a_class_count_the_shorter_axis_is_taken_as_the_attributes()
    {
        // A realistic head has far more candidates than attributes: (1, 6, 100) vs (1, 100, 6).
        var rows = Candidates.Concat(Enumerable.Repeat(new float[6], 95)).ToArray();
        var (data, shape) = FixedOutputModel.ChannelsFirst(rows);
        var transposed = rows.SelectMany(c => c).ToArray();

        var expected = YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2);

        Assert.Equal(4, expected.Count);
        Assert.Equal(expected, YoloOutputDecoder.Decode(data, shape, 0.25f, Labels));
        Assert.Equal(expected, YoloOutputDecoder.Decode(transposed, [1, 100, 6], 0.25f, Labels));
    }

    [Fact]
    public void Per_class_NMS_on_decoded_candidates_removes_only_same_class_duplicates()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst(Candidates);

        var kept = NonMaxSuppression.Apply(YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2), 0.45);

        Assert.Equal([0.90f, 0.60f, 0.30f], kept.Select(d => d.Score));
        Assert.Equal(["plant", "weed", "plant"], kept.Select(d => d.Label));
    }

    [Fact]
    public void Class_ids_without_a_name_get_a_generic_label()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[10, 10, 4, 4, 0.1f, 0.9f]]);

        Assert.Equal("class1", Assert.Single(YoloOutputDecoder.Decode(data, shape, 0.25f, ["plant"], classCount: 2)).Label);
    }

    [Theory]
    [InlineData(new long[] { 5, 6 })]
    [InlineData(new long[] { 2, 6, 5 })]
    [InlineData(new long[] { 1, 4, 5 })]
    [InlineData(new long[] { 1, 6, 4 })]
    public void Shapes_that_are_not_a_YOLO_detection_head_are_rejected(long[] shape)
    {
        var data = new float[30];

        Assert.Throws<ArgumentException>(() => YoloOutputDecoder.Decode(data, shape, 0.25f, Labels));
    }

    [Fact]
    public void Ultralytics_names_metadata_is_parsed_by_class_id()
    {
        Assert.Equal(["plant", "weed", "class2", "rock"], ModelLabels.Parse("{0: 'plant', 1: \"weed\", 3: 'rock'}"));
        Assert.Empty(ModelLabels.Parse(null));
        Assert.Empty(ModelLabels.Parse("not a dict"));
    }
}
