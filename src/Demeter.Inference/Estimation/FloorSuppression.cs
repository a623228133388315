using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Estimation;

/// <summary>
/// Separates plants from floor inside one band of a residual: vegetation is brighter than soil, so the LAB lightness
/// is split by Otsu's threshold computed over the band's residual pixels only (the pixels outside would pull the
/// threshold towards black); dark unsaturated pixels in the HSV soil range are floor whatever their lightness; a 3×3
/// opening removes single bright grains.
/// </summary>
internal static class FloorSuppression
{
    /// <summary>Marks the band's plant pixels in <paramref name="processed"/> and returns how many there are.</summary>
    public static long Apply(PhotoPixels pixels, PixelRect crop, bool[] residual, int start, int end, bool[] processed, EstimationSettings s)
    {
        var w = crop.Width;
        var lightness = new byte[(end - start) * w];
        Span<long> histogram = stackalloc long[256];
        for (var y = start; y < end; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!residual[i])
                {
                    continue;
                }

                var (r, g, b) = pixels.At(crop.X + x, crop.Y + y);
                var l = ColourSpaces.Lightness(r, g, b);
                lightness[i - (start * w)] = l;
                histogram[l]++;
            }
        }

        var split = BandFormulas.Otsu(histogram);
        if (split is not { } otsu || otsu.HighMean - otsu.LowMean < s.MinOtsuSeparation)
        {
            return 0;
        }

        for (var y = start; y < end; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                if (!residual[i] || lightness[i - (start * w)] <= otsu.Threshold)
                {
                    continue;
                }

                var (r, g, b) = pixels.At(crop.X + x, crop.Y + y);
                var (hue, sat, val) = ColourSpaces.Hsv(r, g, b);
                processed[i] = !(hue <= s.SoilMax.H && sat <= s.SoilMax.S && val <= s.SoilMax.V);
            }
        }

        PixelMasks.Open3x3(processed, w, start, end);
        var area = 0L;
        for (var i = start * w; i < end * w; i++)
        {
            area += processed[i] ? 1 : 0;
        }

        return area;
    }
}
