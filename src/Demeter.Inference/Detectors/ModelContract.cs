using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.ML.OnnxRuntime;

namespace Demeter.Inference.Detectors;

/// <summary>What a YOLO model does: boxes (detect), or boxes with instance masks (segment).</summary>
public enum ModelTask
{
    Detect,
    Segment,
}

/// <summary>One input or output of a model; a dimension of -1 is dynamic (symbolic in the export).</summary>
public sealed record ModelTensor(string Name, string ElementType, IReadOnlyList<long> Shape)
{
    public override string ToString() =>
        $"{Name} {ElementType}[{string.Join(", ", Shape.Select(d => d < 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))}]";
}

/// <summary>
/// What a YOLOv8/YOLO11 export promises, read from its ONNX metadata (Ultralytics writes task, names, imgsz and
/// stride) and its tensor shapes. Detect: one output (1, 4+nc, N). Segment: (1, 4+nc+nm, N) plus prototypes
/// (1, nm, h, w), whose nm rows after the class scores are mask coefficients, not classes. The class count comes
/// from <c>names</c>; only a model without names falls back to the shapes, and then a segment model's
/// coefficient rows are never counted as classes.
/// </summary>
public sealed partial record ModelContract(
    ModelTask Task,
    IReadOnlyList<string> Labels,
    int InputWidth,
    int InputHeight,
    bool DynamicInputSize,
    bool DynamicBatch,
    int? Stride,
    ModelTensor Input,
    ModelTensor Detections,
    ModelTensor? Prototypes,
    IReadOnlyList<ModelTensor> Outputs,
    IReadOnlyDictionary<string, string> Metadata)
{
    public int ClassCount => Labels.Count;

    /// <summary>Mask coefficients per candidate (nm): the prototypes' channel count, 0 for a detect model.</summary>
    public int MaskChannels => Prototypes is null ? 0 : (int)Prototypes.Shape[1];

    /// <summary>Values per candidate in the detection output: 4 box values, the class scores, the mask coefficients.</summary>
    public int Attributes => 4 + ClassCount + MaskChannels;

    /// <exception cref="InvalidModelException">The model is not a YOLO detect or segment export this reader understands.</exception>
    public static ModelContract Read(InferenceSession session, int fallbackInputSizePx = 640)
    {
        ArgumentNullException.ThrowIfNull(session);
        static ModelTensor Tensor(KeyValuePair<string, NodeMetadata> m) =>
            new(m.Key, m.Value.IsTensor ? m.Value.ElementDataType.ToString().ToLowerInvariant() : m.Value.OnnxValueType.ToString(), m.Value.Dimensions.Select(d => (long)d).ToList());
        return From(
            session.InputMetadata.Select(Tensor).ToList(),
            session.OutputMetadata.Select(Tensor).ToList(),
            session.ModelMetadata.CustomMetadataMap,
            fallbackInputSizePx);
    }

    /// <summary>The contract from a model's declared tensors and metadata (what <see cref="Read"/> extracts).</summary>
    public static ModelContract From(
        IReadOnlyList<ModelTensor> inputs, IReadOnlyList<ModelTensor> outputs, IReadOnlyDictionary<string, string> metadata, int fallbackInputSizePx = 640)
    {
        if (inputs.Count != 1)
        {
            throw new InvalidModelException($"A YOLO export has one input (images); this model has {inputs.Count}.");
        }

        var input = inputs[0];
        if (input.Shape.Count != 4 || input.Shape[1] is not (3 or -1) || input.Shape[0] is not (1 or -1))
        {
            throw new InvalidModelException($"Input {input} is not an image batch (1, 3, H, W).");
        }

        if (input.ElementType != "float")
        {
            throw new InvalidModelException($"Input {input} takes {input.ElementType}; only float32 inputs are supported (export without half=True).");
        }

        var task = TaskOf(metadata, outputs);
        var detections = outputs.Where(o => o.Shape.Count == 3).ToList() switch
        {
            [var one] => one,
            [] => throw new InvalidModelException($"No output of rank 3 (1, 4+nc, N) among {Describe(outputs)}."),
            var many => throw new InvalidModelException($"Several rank-3 outputs ({Describe(many)}); expected one detection head."),
        };
        var prototypes = outputs.Where(o => o.Shape.Count == 4).ToList() switch
        {
            [var one] => one,
            [] => null,
            var many => throw new InvalidModelException($"Several rank-4 outputs ({Describe(many)}); expected one mask prototype tensor."),
        };
        if (task == ModelTask.Segment && prototypes is null)
        {
            throw new InvalidModelException($"The model says task=segment but has no mask prototypes (1, nm, h, w) among {Describe(outputs)}.");
        }

        if (task == ModelTask.Detect)
        {
            // A detect model's extra outputs (if any) are not read.
            prototypes = null;
        }

        if (prototypes is not null && prototypes.Shape[1] < 1)
        {
            throw new InvalidModelException($"Mask prototypes {prototypes} must declare their channel count.");
        }

        var maskChannels = prototypes is null ? 0 : (int)prototypes.Shape[1];
        var labels = ModelLabels.Parse(metadata.TryGetValue("names", out var names) ? names : null);
        labels = labels.Count > 0 ? CheckClasses(labels, detections, maskChannels) : ClassesFromShape(detections, maskChannels);

        var size = ImageSize(metadata);
        var dynamicSize = input.Shape[2] < 1 || input.Shape[3] < 1;
        var height = input.Shape[2] > 0 ? (int)input.Shape[2] : size?.Height ?? fallbackInputSizePx;
        var width = input.Shape[3] > 0 ? (int)input.Shape[3] : size?.Width ?? fallbackInputSizePx;
        int? stride = metadata.TryGetValue("stride", out var s) && int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var st) && st > 0 ? st : null;
        return new ModelContract(task, labels, width, height, dynamicSize, input.Shape[0] < 1, stride, input, detections, prototypes, outputs, metadata);
    }

    /// <summary>Whether (1, a, b) is channels-first (1, attributes, N), as exported, or transposed (1, N, attributes).</summary>
    public bool IsChannelsFirst(IReadOnlyList<long> shape)
    {
        var (second, third) = (shape[1], shape[2]);
        if (second == Attributes && third != Attributes)
        {
            return true;
        }

        if (third == Attributes && second != Attributes)
        {
            return false;
        }

        return second <= third;
    }

    private static ModelTask TaskOf(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<ModelTensor> outputs)
    {
        if (metadata.TryGetValue("task", out var task))
        {
            return task.Trim().ToLowerInvariant() switch
            {
                "detect" => ModelTask.Detect,
                "segment" => ModelTask.Segment,
                var other => throw new InvalidModelException($"The model's task is '{other}'; Demeter runs detect and segment models."),
            };
        }

        // An export without metadata: prototypes are what makes it a segment model.
        return outputs.Any(o => o.Shape.Count == 4) ? ModelTask.Segment : ModelTask.Detect;
    }

    private static IReadOnlyList<string> CheckClasses(IReadOnlyList<string> labels, ModelTensor detections, int maskChannels)
    {
        var expected = 4 + labels.Count + maskChannels;
        var axes = new[] { detections.Shape[1], detections.Shape[2] };
        if (axes.All(a => a > 0) && !axes.Contains(expected))
        {
            throw new InvalidModelException(
                $"Output {detections} does not match the metadata: names lists {labels.Count} classes" +
                (maskChannels > 0 ? $" and the prototypes {maskChannels} mask channels" : string.Empty) + $", so one axis should be {expected}.");
        }

        return labels;
    }

    private static IReadOnlyList<string> ClassesFromShape(ModelTensor detections, int maskChannels)
    {
        var (second, third) = (detections.Shape[1], detections.Shape[2]);
        var attributes = second < 1 ? third : third < 1 ? second : Math.Min(second, third);
        var classes = attributes - 4 - maskChannels;
        if (attributes < 1 || classes < 1)
        {
            throw new InvalidModelException($"Cannot tell the class count of {detections} without names metadata.");
        }

        return Enumerable.Range(0, (int)classes).Select(i => $"class{i}").ToList();
    }

    private static (int Width, int Height)? ImageSize(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue("imgsz", out var text))
        {
            return null;
        }

        var numbers = Number().Matches(text)
            .Select(m => int.TryParse(m.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0)
            .ToList();
        return numbers switch
        {
            [var side] => (side, side),
            [var h, var w] => (w, h),
            _ => null,
        };
    }

    private static string Describe(IEnumerable<ModelTensor> tensors) => string.Join("; ", tensors);

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}

/// <summary>A model file that is not a YOLO detect/segment export Demeter can run; the message says why.</summary>
public sealed class InvalidModelException(string message) : Exception(message);
