namespace Demeter.Inference.Onnx;

/// <summary>A GraphProto: nodes in topological order, constant initializers and the declared inputs/outputs.</summary>
public sealed record OnnxGraph(
    string Name,
    IReadOnlyList<OnnxNode> Nodes,
    IReadOnlyList<OnnxTensor> Initializers,
    IReadOnlyList<OnnxValueInfo> Inputs,
    IReadOnlyList<OnnxValueInfo> Outputs);
