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
        var (red, blue) = pixels.Channels;
        for (var y = start; y < end; y++)
        {
            var row = pixels.Row(crop.X, crop.Y + y, w);
            var inResidual = residual.AsSpan(y * w, w);
            var rowLightness = lightness.AsSpan((y - start) * w, w);
            var rowHued = plantHued.AsSpan((y - start) * w, w);
            for (var x = 0; x < w; x++)
            {
                if (!inResidual[x])
                {
                    continue;
                }

                var p = row.Slice(x * 4, 4);
                var (r, g, b) = (p[red], p[1], p[blue]);
                var l = ColourSpaces.Lightness(r, g, b);
                var hued = ColourSpaces.IsPlantHued(r, g, b, s.SoilMax, s.VegetationMin, s.VegetationMax);
                rowLightness[x] = l;
                rowHued[x] = hued;
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
