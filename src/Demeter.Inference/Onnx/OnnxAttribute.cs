namespace Demeter.Inference.Onnx;

/// <summary>AttributeProto.AttributeType values from onnx.proto.</summary>
public enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    String = 3,
    Tensor = 4,
    Floats = 6,
    Ints = 7,
}

/// <summary>A node attribute; exactly one value field is set, as named by <see cref="Type"/>.</summary>
public sealed record OnnxAttribute(
    string Name,
    OnnxAttributeType Type,
    float FloatValue = 0,
    long IntValue = 0,
    string? StringValue = null,
    OnnxTensor? TensorValue = null,
    IReadOnlyList<float>? FloatValues = null,
    IReadOnlyList<long>? IntValues = null)
{
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, FloatValue: value);

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, IntValue: value);

    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeType.String, StringValue: value);

    public static OnnxAttribute Tensor(string name, OnnxTensor value) => new(name, OnnxAttributeType.Tensor, TensorValue: value);

    public static OnnxAttribute Floats(string name, params float[] values) => new(name, OnnxAttributeType.Floats, FloatValues: values);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeType.Ints, IntValues: values);
}
