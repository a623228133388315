using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Estimation;

/// <summary>Where a band's plant size A came from, most trusted first.</summary>
public static class PlantAreaSources
{
    /// <summary>The band's own detections (enough of them, outliers fenced off).</summary>
    public const string Band = "band";

    /// <summary>The whole container's detections: the band had too few.</summary>
    public const string Container = "container";

    /// <summary>The plant size calibrated from validated counts of the claro's product and packaging.</summary>
    public const string Calibration = "calibration";

    /// <summary>The configured A₀: nothing better was known (the session warns needs_calibration).</summary>
    public const string Default = "default";
}

/// <summary>
/// One band's estimate: rows [YStart, YEnd) in photo pixels; the residual (container minus detected plants), what
/// was left of it after floor suppression, the plant size and α used, and the plants estimated there.
/// </summary>
[Manifest("photo.band-estimate.v1")]
public sealed record BandEstimate(
    int Band,
    int YStart,
    int YEnd,
    long ResidualAreaPx,
    long ProcessedAreaPx,
    long FloorSuppressedPx,
    int Detections,
    double AveragePlantAreaPx,
    string PlantAreaSource,
    double Alpha,
    int Estimated,
    double Confidence) : IDemeterMessage;
