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

        var decoded = Detections(YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2));

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
        Assert.Equal([0, 1, 2, 4], YoloOutputDecoder.Decode(transposed, [1, Candidates.Length, 6], 0.25f, Labels, classCount: 2).Select(c => c.Index));
    }

    [Fact]
    public void A_segment_head_keeps_its_mask_coefficients_out_of_the_class_scores()
    {
        // 2 classes + 3 mask coefficients; the coefficients (5.0, 7.5, -3) would win as "classes" if counted as such.
        float[][] rows =
        [
            [100, 100, 40, 20, 0.90f, 0.10f, 5.0f, 7.5f, -3f],
            [300, 200, 10, 10, 0.10f, 0.20f, 9.0f, 9.0f, 9.0f],
            [50, 60, 10, 10, 0.05f, 0.70f, 0.5f, -0.5f, 2f],
        ];
        var (data, shape) = FixedOutputModel.ChannelsFirst(rows);

        var decoded = YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2, maskChannels: 3);

        Assert.Equal([(0, 0, 0.90f), (2, 1, 0.70f)], decoded.Select(c => (c.Index, c.Detection.ClassId, c.Detection.Score)));
        var coefficients = new float[3];
        YoloOutputDecoder.Coefficients(data, shape, 2, 2, coefficients);
        Assert.Equal([0.5f, -0.5f, 2f], coefficients);
        YoloOutputDecoder.Coefficients(rows.SelectMany(r => r).ToArray(), [1, 3, 9], 2, 0, coefficients);
        Assert.Equal([5.0f, 7.5f, -3f], coefficients);
    }

    [Fact]
    public void Per_class_NMS_on_decoded_candidates_removes_only_same_class_duplicates()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst(Candidates);

        var kept = NonMaxSuppression.Apply(Detections(YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2)), 0.45);

        Assert.Equal([0.90f, 0.60f, 0.30f], kept.Select(d => d.Score));
        Assert.Equal(["plant", "weed", "plant"], kept.Select(d => d.Label));
    }

    [Fact]
    public void Class_ids_without_a_name_get_a_generic_label()
    {
        var (data, shape) = FixedOutputModel.ChannelsFirst([[10, 10, 4, 4, 0.1f, 0.9f]]);

        Assert.Equal("class1", Assert.Single(YoloOutputDecoder.Decode(data, shape, 0.25f, ["plant"], classCount: 2)).Detection.Label);
    }

    [Theory]
    [InlineData(new long[] { 5, 6 })]
    [InlineData(new long[] { 2, 6, 5 })]
    [InlineData(new long[] { 1, 4, 5 })]
    [InlineData(new long[] { 1, 6, 4 })]
    [InlineData(new long[] { 1, 7, 5 })]
    public void Shapes_that_are_not_a_YOLO_detection_head_are_rejected(long[] shape)
    {
        var data = new float[30];

        Assert.Throws<InvalidModelException>(() => YoloOutputDecoder.Decode(data, shape, 0.25f, Labels, classCount: 2));
    }

    [Fact]
    public void Ultralytics_names_metadata_is_parsed_by_class_id()
    {
        Assert.Equal(["plant", "weed", "class2", "rock"], ModelLabels.Parse("{0: 'plant', 1: \"weed\", 3: 'rock'}"));
        Assert.Empty(ModelLabels.Parse(null));
        Assert.Empty(ModelLabels.Parse("not a dict"));
        Assert.Throws<InvalidModelException>(() => ModelLabels.Parse("{2147483647: 'huge'}"));
        Assert.Throws<InvalidModelException>(() => ModelLabels.Parse("{99999999999999999999: 'overflow'}"));
    }

    private static List<Detection> Detections(List<Candidate> candidates) => candidates.ConvertAll(c => c.Detection);
}
