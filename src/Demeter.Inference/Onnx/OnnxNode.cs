namespace Demeter.Inference.Onnx;

/// <summary>One operator call in a graph (NodeProto); an empty input name means "optional input omitted".</summary>
public sealed record OnnxNode(
    string OpType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs,
    string Name,
    IReadOnlyList<OnnxAttribute> Attributes);
