using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Domain.Photos.Calibration;

/// <summary>
/// What one validated session teaches: the count a supervisor confirmed, what was detected and estimated, the hidden
/// plants' area in plant units at α = 1 (Σ over bands of processed area / plant size), and the plant size the photo's
/// own detections measured (null when no band had enough).
/// </summary>
[Manifest("photo.calibration-sample.v1")]
public sealed record CalibrationSample(
    Guid SessionId, int ValidatedTotal, int Detected, int Estimated, double HiddenPlantUnits, double? MeasuredPlantAreaPx, DateTimeOffset At) : IDemeterMessage
{
    public static CalibrationSample From(Guid sessionId, PhotoCountResult result, int validatedTotal, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        var bands = (result.Containers ?? []).SelectMany(c => c.Bands).ToList();
        var units = bands.Where(b => b.ProcessedAreaPx > 0 && b.AveragePlantAreaPx > 0).Sum(b => b.ProcessedAreaPx / b.AveragePlantAreaPx);
        var measured = bands
            .Where(b => b.PlantAreaSource is PlantAreaSources.Band or PlantAreaSources.Container && b.Detections > 0)
            .ToList();
        double? area = measured.Count == 0 ? null : measured.Sum(b => b.AveragePlantAreaPx * b.Detections) / measured.Sum(b => b.Detections);
        return new CalibrationSample(sessionId, validatedTotal, result.Detected, result.Estimated, Math.Round(units, 4), area is { } a ? Math.Round(a, 2) : null, at);
    }
}
