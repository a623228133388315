using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>
/// What processing one photo produced, with where the time went and which model produced it: per container the plants
/// detected and estimated (with its bands), the confidence level and warnings of the count, the segmenter, and the
/// calibration the estimate used (null: the defaults) with its key (the claro's product and packaging; null when the
/// claro had no config). Results recorded before containers existed have none.
/// </summary>
[Manifest("photo.count-result.v1")]
public sealed record PhotoCountResult(
    int Detected,
    int Estimated,
    int Tiles,
    double AverageConfidence,
    PhotoTimings Timings,
    string ModelName,
    string ModelSha256,
    IReadOnlyList<ContainerCount>? Containers = null,
    string? Confidence = null,
    IReadOnlyList<string>? Warnings = null,
    string? Segmenter = null,
    PlantSizeCalibration? Calibration = null,
    string? CalibrationKey = null) : IDemeterMessage
{
    public int Total => Detected + Estimated;
}

/// <summary>Wall-clock milliseconds of the stages; <see cref="InferenceMs"/> is the summed ONNX Runtime run time of all tiles.</summary>
[Manifest("photo.timings.v1")]
public sealed record PhotoTimings(double DecodeMs, double InferenceMs, double PipelineMs) : IDemeterMessage;
