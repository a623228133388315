namespace Demeter.Inference.Onnx;

/// <summary>A graph input or output with its element type and shape; a null dimension is left symbolic.</summary>
public sealed record OnnxValueInfo(string Name, OnnxDataType ElementType, IReadOnlyList<long?> Shape);
