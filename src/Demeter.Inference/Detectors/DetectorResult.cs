using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Detectors;

/// <summary>Detections of one image or region, and the time spent inside ONNX Runtime's Run for it.</summary>
public sealed record DetectorResult(IReadOnlyList<Detection> Detections, TimeSpan InferenceTime);
