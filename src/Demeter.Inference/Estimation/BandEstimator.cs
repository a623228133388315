using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Estimation;

/// <summary>A container's band estimates and, for the overlay, which of its crop's pixels were taken as undetected plants.</summary>
public sealed record ContainerEstimate(PixelRect Crop, IReadOnlyList<BandEstimate> Bands, bool[] Processed)
{
    public int Estimated => Bands.Sum(b => b.Estimated);
}

/// <summary>
/// Band-based estimation of the plants the detector missed in one container, over the container's own box: the
/// container mask minus a disc around every detection is the residual; per horizontal band, floor pixels are
/// suppressed (LAB lightness Otsu over the band's residual pixels only, then the HSV soil range, then a 3×3 opening)
/// and what remains is divided by the plant size: n = ceil(a / (A·α)).
/// </summary>
public static class BandEstimator
{
    public static ContainerEstimate Estimate(
        SKBitmap photo, Container container, IReadOnlyList<Detection> detections, EstimationSettings? settings = null, PlantSizeCalibration? calibration = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(container);
        ArgumentNullException.ThrowIfNull(detections);
        var s = settings ?? new EstimationSettings();
        s.Validate();
        if (photo.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
        {
            throw new ArgumentException($"Expected a 32-bit RGBA/BGRA photo, got {photo.ColorType}.", nameof(photo));
        }

        var crop = container.Box.ClipTo(photo.Width, photo.Height);
        var residual = container.Mask.Rasterize(crop);
        var detected = PixelMasks.DetectionDiscs(crop, detections, s.CircleRadiusFactor, s.BlurKernelPx);
        PixelMasks.Subtract(residual, detected);

        var alpha = calibration?.Alpha ?? s.Alpha;
        var containerArea = MeasuredArea(detections, s);
        var processed = new bool[residual.Length];
        var rows = BandFormulas.Rows(crop.Height, s.Bands).ToList();
        var bands = new BandEstimate[rows.Count];

        // Bands are independent (each reads the photo and the residual and writes only its own rows of the processed
        // mask), and floor suppression is the per-pixel bulk of counting a photo: they run on the cores at once.
        Parallel.For(0, rows.Count, b =>
        {
            var (start, end) = rows[b];
            var (y1, y2) = (crop.Y + start, crop.Y + end);
            var inBand = detections.Where(d => d.Center.Y >= y1 && d.Center.Y < y2).ToList();
            var (area, source) = PlantArea(inBand, containerArea, calibration, s);
            var residualArea = 0L;
            for (var i = start * crop.Width; i < end * crop.Width; i++)
            {
                residualArea += residual[i] ? 1 : 0;
            }

            var processedArea = residualArea == 0 ? 0 : FloorSuppression.Apply(new PhotoPixels(photo), crop, residual, start, end, processed, s);
            var estimated = BandFormulas.Count(processedArea, area, alpha, s.NoiseFloorFraction);
            bands[b] = new BandEstimate(
                b + 1, y1, y2, residualArea, processedArea, residualArea - processedArea, inBand.Count, area, source, alpha, estimated,
                ConfidenceLevels.OfEstimate(source));
        });

        return new ContainerEstimate(crop, bands, processed);
    }

    /// <summary>The IQR-fenced mean box area of enough well-formed detections; null when they are too few (or it is not positive).</summary>
    private static double? MeasuredArea(IReadOnlyList<Detection> detections, EstimationSettings s)
    {
        var areas = detections.Where(d => d.Area > 0 && float.IsFinite(d.Area)).Select(d => (double)d.Area).ToList();
        return areas.Count >= s.MinCalibrationDetections && BandFormulas.IqrMean(areas) is > 0 and var mean ? mean : null;
    }

    private static (double Area, string Source) PlantArea(
        IReadOnlyList<Detection> inBand, double? containerArea, PlantSizeCalibration? calibration, EstimationSettings s)
    {
        if (MeasuredArea(inBand, s) is { } band)
        {
            return (band, PlantAreaSources.Band);
        }

        if (containerArea is { } container)
        {
            return (container, PlantAreaSources.Container);
        }

        return calibration is { PlantAreaPx: > 0 } c ? (c.PlantAreaPx, PlantAreaSources.Calibration) : (s.FallbackPlantAreaPx, PlantAreaSources.Default);
    }
}
