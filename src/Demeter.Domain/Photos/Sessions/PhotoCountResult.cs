using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>What processing one photo produced, with where the time went and which model produced it.</summary>
[Manifest("photo.count-result.v1")]
public sealed record PhotoCountResult(
    int Detected,
    int Estimated,
    int Tiles,
    double AverageConfidence,
    PhotoTimings Timings,
    string ModelName,
    string ModelSha256) : IDemeterMessage
{
    public int Total => Detected + Estimated;
}

/// <summary>Wall-clock milliseconds of the stages; <see cref="InferenceMs"/> is the summed ONNX Runtime run time of all tiles.</summary>
[Manifest("photo.timings.v1")]
public sealed record PhotoTimings(double DecodeMs, double InferenceMs, double PipelineMs) : IDemeterMessage;
