using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Pipeline;

/// <summary>
/// Result of counting one photo. Detections are in oriented-photo pixels; <see cref="Estimated"/> (band
/// estimation of hidden plants) is 0 until that stage exists; <see cref="InferenceTime"/> sums ORT Run time.
/// </summary>
public sealed record PhotoCount(
    int Width,
    int Height,
    int Detected,
    int Estimated,
    int Total,
    IReadOnlyList<Detection> Detections,
    TimeSpan InferenceTime,
    int Tiles);
