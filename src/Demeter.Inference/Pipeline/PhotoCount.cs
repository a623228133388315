using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Estimation;

namespace Demeter.Inference.Pipeline;

/// <summary>
/// Result of counting one photo: per container what was detected and estimated, every kept detection (oriented-photo
/// pixels), the estimated areas for the overlay, the count's confidence level and warnings. <see cref="InferenceTime"/>
/// sums ORT Run time of the detector; <see cref="Tiles"/> counts the regions it ran on.
/// </summary>
public sealed record PhotoCount(
    int Width,
    int Height,
    IReadOnlyList<ContainerCount> Containers,
    IReadOnlyList<Detection> Detections,
    IReadOnlyList<ContainerEstimate> Estimates,
    string Confidence,
    IReadOnlyList<string> Warnings,
    TimeSpan InferenceTime,
    TimeSpan SegmentationTime,
    int Tiles,
    string Segmenter)
{
    public int Detected => Containers.Sum(c => c.Detected);

    public int Estimated => Containers.Sum(c => c.Estimated);

    public int Total => Detected + Estimated;
}
