using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Estimation;

/// <summary>
/// Separates plants from floor inside one band of a residual. The band's LAB lightness is split by Otsu's threshold,
/// computed over the band's residual pixels only (the pixels outside would pull it towards black); the class holding
/// more plant-hued pixels is the vegetation side (plants are usually brighter than soil, but a dark crate rim or dark
/// plants turn that round). A candidate pixel must also have a plant hue and lie outside the HSV soil range, and a
/// 3×3 opening removes single grains.
/// </summary>
internal static class FloorSuppression
{
    /// <summary>Marks the band's plant pixels in <paramref name="processed"/> and returns how many there are.</summary>
    public static long Apply(PhotoPixels pixels, PixelRect crop, bool[] residual, int start, int end, bool[] processed, EstimationSettings s)
    {
        var w = crop.Width;
        var lightness = new byte[(end - start) * w];
        var plantHued = new bool[(end - start) * w];
        Span<long> histogram = stackalloc long[256];
        Span<long> huedHistogram = stackalloc long[256];
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
                var (hue, sat, val) = ColourSpaces.Hsv(r, g, b);
                var soil = hue <= s.SoilMax.H && sat <= s.SoilMax.S && val <= s.SoilMax.V;
                var hued = !soil && Within(hue, sat, val, s.VegetationMin, s.VegetationMax);
                lightness[i - (start * w)] = l;
                plantHued[i - (start * w)] = hued;
                histogram[l]++;
                huedHistogram[l] += hued ? 1 : 0;
            }
        }

        // Which side of the split is vegetation: the one with the larger share of plant-hued pixels. Without a real
        // split (one population) both sides stay candidates.
        var (low, high) = (0, 255);
        if (BandFormulas.Otsu(histogram) is { } otsu && otsu.HighMean - otsu.LowMean >= s.MinOtsuSeparation)
        {
            var (lowAll, lowHued) = (Sum(histogram[..(otsu.Threshold + 1)]), Sum(huedHistogram[..(otsu.Threshold + 1)]));
            var (highAll, highHued) = (Sum(histogram[(otsu.Threshold + 1)..]), Sum(huedHistogram[(otsu.Threshold + 1)..]));
            (low, high) = highHued * lowAll >= lowHued * highAll ? (otsu.Threshold + 1, 255) : (0, otsu.Threshold);
        }

        for (var y = start; y < end; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var j = i - (start * w);
                processed[i] = residual[i] && plantHued[j] && lightness[j] >= low && lightness[j] <= high;
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

    private static bool Within(int h, int s, int v, HsvBound min, HsvBound max) =>
        h >= min.H && h <= max.H && s >= min.S && s <= max.S && v >= min.V && v <= max.V;

    private static long Sum(ReadOnlySpan<long> values)
    {
        var total = 0L;
        foreach (var v in values)
        {
            total += v;
        }

        return total;
    }
}
