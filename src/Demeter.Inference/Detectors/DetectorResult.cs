using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Detectors;

/// <summary>
/// Detections of one image or region, and the time spent inside ONNX Runtime's Run for it. A segment model also
/// gives each detection its mask when asked (<see cref="YoloDetectorOptions.Masks"/>; <see cref="Masks"/>[i] belongs to
/// <see cref="Detections"/>[i]); null otherwise.
/// </summary>
public sealed record DetectorResult(IReadOnlyList<Detection> Detections, TimeSpan InferenceTime, IReadOnlyList<InstanceMask>? Masks = null);
