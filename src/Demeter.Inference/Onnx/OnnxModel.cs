namespace Demeter.Inference.Onnx;

/// <summary>A ModelProto with one graph, the default-domain opset it targets and free-form metadata.</summary>
public sealed record OnnxModel(
    OnnxGraph Graph,
    long OpsetVersion,
    long IrVersion,
    string ProducerName,
    string ProducerVersion,
    IReadOnlyDictionary<string, string> Metadata);
