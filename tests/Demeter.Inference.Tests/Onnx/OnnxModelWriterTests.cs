using Demeter.Inference.Onnx;
using Microsoft.ML.OnnxRuntime;

namespace Demeter.Inference.Tests.Onnx;

public class OnnxModelWriterTests
{
    private static byte[] AffineModel()
    {
        // y = Transpose(x · 2 + bias, perm [1, 0]); exercises float/int-list attributes, initializers and value infos.
        var g = new OnnxGraphBuilder("affine");
        var x = g.Input("x", OnnxDataType.Float, 2, 3);
        var scaled = g.Op("Mul", [x, g.Scalar(2f)]);
        var shifted = g.Op("Add", [scaled, g.Floats([1, 3], [10f, 20f, 30f])]);
        var transposed = g.Op("Transpose", [shifted], OnnxAttribute.Ints("perm", 1, 0));
        var clipped = g.Op("LeakyRelu", [transposed], OnnxAttribute.Float("alpha", 0.5f));
        g.Output(clipped, "y", OnnxDataType.Float, 3, 2);
        var metadata = new Dictionary<string, string> { ["names"] = "{0: 'plant'}" };
        return OnnxModelWriter.Encode(new OnnxModel(g.Build(), 17, 8, "demeter-test", "1", metadata));
    }

    [Fact]
    public void A_written_model_loads_in_onnx_runtime_and_computes_its_graph()
    {
        using var session = new InferenceSession(AffineModel());
        float[] input = [1, 2, 3, -40, -50, -60];
        using var value = OrtValue.CreateTensorValueFromMemory(input, [2, 3]);
        using var runOptions = new RunOptions();

        using var outputs = session.Run(runOptions, ["x"], [value], ["y"]);

        Assert.Equal([3L, 2L], outputs[0].GetTensorTypeAndShape().Shape);
        // Row-major (3,2): column j of 2x + bias, negatives halved by LeakyRelu.
        Assert.Equal([12f, -35f, 24f, -40f, 36f, -45f], outputs[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Fact]
    public void Declared_shapes_producer_and_metadata_are_readable()
    {
        using var session = new InferenceSession(AffineModel());

        Assert.Equal([2, 3], session.InputMetadata["x"].Dimensions);
        Assert.Equal([3, 2], session.OutputMetadata["y"].Dimensions);
        Assert.Equal("demeter-test", session.ModelMetadata.ProducerName);
        Assert.Equal("{0: 'plant'}", session.ModelMetadata.CustomMetadataMap["names"]);
    }

    [Fact]
    public void Encoding_is_deterministic()
    {
        Assert.Equal(AffineModel(), AffineModel());
    }

    [Fact]
    public void A_tensor_whose_values_do_not_fill_its_shape_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => OnnxTensor.Floats("t", [2, 2], [1f, 2f, 3f]));
    }
}
