using Demeter.Inference.Onnx;

namespace Demeter.TestSupport;

/// <summary>An ONNX model whose "output0" is a given tensor whatever the image: isolates YoloDetector's pre/post-processing.</summary>
public static class FixedOutputModel
{
    /// <remarks>A null input width/height is declared symbolic, as in exports with dynamic image size.</remarks>
    public static byte[] Build(float[] output, long[] shape, int? inputWidth = 640, int? inputHeight = 640, string names = "{0: 'plant', 1: 'weed'}")
    {
        var g = new OnnxGraphBuilder("fixed");
        var images = g.Input("images", OnnxDataType.Float, 1, 3, inputHeight, inputWidth);
        var mean = g.Op("ReduceMean", [images], OnnxAttribute.Ints("axes", 1, 2, 3), OnnxAttribute.Int("keepdims", 0));
        var zero = g.Op("Reshape", [g.Op("Mul", [mean, g.Scalar(0f)]), g.Int64s(1, 1, 1)]);
        var result = g.Op("Add", [zero, g.Floats(shape, output)]);
        g.Output(result, "output0", OnnxDataType.Float, shape.Select(d => (long?)d).ToArray());
        var metadata = new Dictionary<string, string> { ["names"] = names };
        return OnnxModelWriter.Encode(new OnnxModel(g.Build(), 17, 8, "test", "1", metadata));
    }

    /// <summary>
    /// A dynamically quantized detect model, as an int8 export is: the image goes through DynamicQuantizeLinear and a
    /// ConvInteger layer (uint8 weights), and the head is the given tensor.
    /// </summary>
    public static byte[] BuildQuantized(float[] output, long[] shape, string names = "{0: 'plant', 1: 'weed'}")
    {
        var g = new OnnxGraphBuilder("quantized");
        var images = g.Input("images", OnnxDataType.Float, 1, 3, 640, 640);
        var quantized = g.Ops("DynamicQuantizeLinear", [images], 3);
        var weights = g.UInt8s([1, 3, 3, 3], Enumerable.Range(0, 27).Select(i => (byte)(120 + i)).ToArray());
        var conv = g.Op("ConvInteger", [quantized[0], weights, quantized[2], g.UInt8s([], [128])]);
        var features = g.Op("Cast", [conv], OnnxAttribute.Int("to", (long)OnnxDataType.Float));
        var mean = g.Op("ReduceMean", [features], OnnxAttribute.Ints("axes", 1, 2, 3), OnnxAttribute.Int("keepdims", 0));
        var zero = g.Op("Reshape", [g.Op("Mul", [mean, g.Scalar(0f)]), g.Int64s(1, 1, 1)]);
        g.Output(g.Op("Add", [zero, g.Floats(shape, output)]), "output0", OnnxDataType.Float, shape.Select(d => (long?)d).ToArray());
        var metadata = new Dictionary<string, string> { ["names"] = names, ["task"] = "detect", ["imgsz"] = "[640, 640]" };
        return OnnxModelWriter.Encode(new OnnxModel(g.Build(), 17, 8, "onnxruntime.quantization", "1", metadata));
    }

    /// <summary>
    /// A segment export as Ultralytics writes it: "output0" (1, 4+nc+nm, N) and "output1" prototypes (1, nm, h, w),
    /// with its metadata (task, names, imgsz, stride, ...).
    /// </summary>
    public static byte[] BuildSegment(
        float[] head, long[] headShape, float[] prototypes, long[] prototypeShape, IReadOnlyDictionary<string, string> metadata, int inputSize = 640)
    {
        var g = new OnnxGraphBuilder("fixed-seg");
        var images = g.Input("images", OnnxDataType.Float, 1, 3, inputSize, inputSize);
        var mean = g.Op("ReduceMean", [images], OnnxAttribute.Ints("axes", 1, 2, 3), OnnxAttribute.Int("keepdims", 0));
        var zero3 = g.Op("Reshape", [g.Op("Mul", [mean, g.Scalar(0f)]), g.Int64s(1, 1, 1)]);
        var zero4 = g.Op("Reshape", [g.Op("Mul", [mean, g.Scalar(0f)]), g.Int64s(1, 1, 1, 1)]);
        g.Output(g.Op("Add", [zero3, g.Floats(headShape, head)]), "output0", OnnxDataType.Float, headShape.Select(d => (long?)d).ToArray());
        g.Output(g.Op("Add", [zero4, g.Floats(prototypeShape, prototypes)]), "output1", OnnxDataType.Float, prototypeShape.Select(d => (long?)d).ToArray());
        return OnnxModelWriter.Encode(new OnnxModel(g.Build(), 17, 8, "ultralytics", "8.3.0", metadata));
    }

    /// <summary>Ultralytics' metadata for a model of <paramref name="classes"/> classes and a square input.</summary>
    public static Dictionary<string, string> UltralyticsMetadata(string task, int classes, int inputSize = 640) => new()
    {
        ["description"] = $"Ultralytics YOLOv8n-{task} model",
        ["author"] = "Ultralytics",
        ["version"] = "8.3.0",
        ["stride"] = "32",
        ["task"] = task,
        ["batch"] = "1",
        ["imgsz"] = $"[{inputSize}, {inputSize}]",
        ["names"] = "{" + string.Join(", ", Enumerable.Range(0, classes).Select(i => $"{i}: '{(i == 0 ? "person" : $"thing{i}")}'")) + "}",
    };

    /// <summary>(1, 4+nc, N) channels-first data from per-candidate rows [cx, cy, w, h, score0, score1, ...].</summary>
    public static (float[] Data, long[] Shape) ChannelsFirst(float[][] candidates)
    {
        var attributes = candidates[0].Length;
        var n = candidates.Length;
        var data = new float[attributes * n];
        for (var i = 0; i < n; i++)
        {
            for (var a = 0; a < attributes; a++)
            {
                data[(a * n) + i] = candidates[i][a];
            }
        }

        return (data, [1, attributes, n]);
    }
}
