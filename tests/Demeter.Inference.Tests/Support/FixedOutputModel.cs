using Demeter.Inference.Onnx;

namespace Demeter.Inference.Tests.Support;

/// <summary>An ONNX model whose "output0" is a given tensor whatever the image: isolates YoloDetector's pre/post-processing.</summary>
internal static class FixedOutputModel
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
