using Demeter.Inference.Detectors;
using Demeter.Inference.Tests.Support;

namespace Demeter.Inference.Tests.Detectors;

public class ModelContractTests
{
    private static readonly ModelTensor Images = new("images", "float", [1, 3, 640, 640]);
    private static readonly ModelTensor DetectHead = new("output0", "float", [1, 84, 8400]);
    private static readonly ModelTensor SegmentHead = new("output0", "float", [1, 116, 8400]);
    private static readonly ModelTensor Prototypes = new("output1", "float", [1, 32, 160, 160]);

    [Fact]
    public void A_segment_export_has_its_classes_from_names_and_its_coefficients_from_the_prototypes()
    {
        var contract = ModelContract.From([Images], [SegmentHead, Prototypes], FixedOutputModel.UltralyticsMetadata("segment", 80));

        Assert.Equal((ModelTask.Segment, 80, 32, 116), (contract.Task, contract.ClassCount, contract.MaskChannels, contract.Attributes));
        Assert.Equal("person", contract.Labels[0]);
        Assert.Equal((640, 640, 32, false, false), (contract.InputWidth, contract.InputHeight, contract.Stride, contract.DynamicInputSize, contract.DynamicBatch));
        Assert.Equal("output1", contract.Prototypes!.Name);
    }

    [Fact]
    public void Without_metadata_the_prototypes_make_it_a_segment_model_and_never_count_as_classes()
    {
        var contract = ModelContract.From([Images], [SegmentHead, Prototypes], new Dictionary<string, string>());

        Assert.Equal((ModelTask.Segment, 80, 32), (contract.Task, contract.ClassCount, contract.MaskChannels));
        Assert.Equal("class79", contract.Labels[79]);
        var detect = ModelContract.From([Images], [DetectHead], new Dictionary<string, string>());
        Assert.Equal((ModelTask.Detect, 80, 0), (detect.Task, detect.ClassCount, detect.MaskChannels));
    }

    [Fact]
    public void A_detect_export_reads_the_same_whether_channels_first_or_transposed()
    {
        var metadata = FixedOutputModel.UltralyticsMetadata("detect", 80);
        var first = ModelContract.From([Images], [DetectHead], metadata);
        var transposed = ModelContract.From([Images], [new ModelTensor("output0", "float", [1, 8400, 84])], metadata);

        Assert.Equal((ModelTask.Detect, 80, 84), (first.Task, first.ClassCount, first.Attributes));
        Assert.True(first.IsChannelsFirst(DetectHead.Shape));
        Assert.False(transposed.IsChannelsFirst([1, 8400, 84]));
        Assert.True(first.IsChannelsFirst([1, 84, 3]));
    }

    [Fact]
    public void A_dynamic_input_takes_its_size_from_imgsz_and_reports_what_is_dynamic()
    {
        var metadata = FixedOutputModel.UltralyticsMetadata("detect", 2);
        metadata["imgsz"] = "[320, 480]";

        var contract = ModelContract.From([new ModelTensor("images", "float", [-1, 3, -1, -1])], [new ModelTensor("output0", "float", [-1, 6, -1])], metadata);

        Assert.Equal((480, 320, true, true), (contract.InputWidth, contract.InputHeight, contract.DynamicInputSize, contract.DynamicBatch));
        metadata.Remove("imgsz");
        var fallback = ModelContract.From([new ModelTensor("images", "float", [1, 3, -1, -1])], [new ModelTensor("output0", "float", [1, 6, -1])], metadata, 512);
        Assert.Equal((512, 512), (fallback.InputWidth, fallback.InputHeight));
    }

    public static TheoryData<string, string[]> Refusals() => new()
    {
        { "names lists 3 classes", ["task=detect", "names=3", "head=84x8400"] },
        { "names lists 80 classes", ["task=detect", "names=80", "head=300x6"] },
        { "task is 'pose'", ["task=pose", "names=80", "head=84x8400"] },
        { "no mask prototypes", ["task=segment", "names=80", "head=116x8400"] },
        { "float16", ["task=detect", "names=80", "head=84x8400", "half"] },
        { "one input", ["task=detect", "names=80", "head=84x8400", "two-inputs"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Models_that_are_not_what_they_claim_are_refused_with_the_reason(string reason, string[] model)
    {
        var metadata = FixedOutputModel.UltralyticsMetadata(Value(model, "task"), int.Parse(Value(model, "names")));
        var head = Value(model, "head").Split('x').Select(long.Parse).ToArray();
        var input = model.Contains("half") ? Images with { ElementType = "float16" } : Images;
        ModelTensor[] inputs = model.Contains("two-inputs") ? [input, input with { Name = "extra" }] : [input];

        var error = Assert.Throws<InvalidModelException>(() => ModelContract.From(inputs, [new ModelTensor("output0", "float", [1, head[0], head[1]])], metadata));

        Assert.Contains(reason, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    private static string Value(string[] model, string key) => model.Single(m => m.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
}
