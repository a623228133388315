using System.Text.Json.Serialization;
using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Photos.Containers;

/// <summary>
/// What one container of a photo holds: plants detected (centre in its mask, counted once across containers), plants
/// estimated per band, the confidence level of its count, and whether it is empty (no estimate and detections covering
/// under 5 % of its box).
/// </summary>
[Manifest("photo.container-count.v1")]
public sealed record ContainerCount(
    int Index,
    string Type,
    StorageBinCategory Category,
    PixelRect Box,
    float SegmentationConfidence,
    int Detected,
    int Estimated,
    string Confidence,
    bool Empty,
    IReadOnlyList<BandEstimate> Bands) : IDemeterMessage
{
    [JsonIgnore]
    public int Total => Detected + Estimated;

    /// <summary>Share of a container's box covered by its detections' boxes under which it counts as empty.</summary>
    public const double EmptyCoverage = 0.05;

    public static bool IsEmpty(PixelRect box, IReadOnlyList<Detection> detections, int estimated) =>
        estimated == 0 && (box.AreaPx <= 0 || detections.Sum(d => (double)d.Area) / box.AreaPx < EmptyCoverage);
}
