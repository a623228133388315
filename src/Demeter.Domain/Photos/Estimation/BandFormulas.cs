namespace Demeter.Domain.Photos.Estimation;

/// <summary>The arithmetic of band estimation, apart from pixels, so each formula can be checked by hand.</summary>
public static class BandFormulas
{
    /// <summary>
    /// Row ranges [start, end) of <paramref name="bands"/> bands over <paramref name="height"/> rows: each floor(H / n)
    /// high, the last extended to H.
    /// </summary>
    public static IReadOnlyList<(int Start, int End)> Rows(int height, int bands)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(bands, 1);
        var h = height / bands;
        return Enumerable.Range(0, bands).Select(k => (k * h, k == bands - 1 ? height : (k + 1) * h)).ToList();
    }

    /// <summary>
    /// Mean of the areas within Tukey's fences [Q1 − 1.5·IQR, Q3 + 1.5·IQR], quartiles by linear interpolation;
    /// null when nothing is left (or nothing given).
    /// </summary>
    public static double? IqrMean(IReadOnlyList<double> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        if (areas.Count == 0)
        {
            return null;
        }

        var sorted = areas.Order().ToArray();
        var q1 = Percentile(sorted, 0.25);
        var q3 = Percentile(sorted, 0.75);
        var iqr = q3 - q1;
        var kept = sorted.Where(a => a >= q1 - (1.5 * iqr) && a <= q3 + (1.5 * iqr)).ToList();
        return kept.Count == 0 ? null : kept.Average();
    }

    /// <summary>Percentile p ∈ [0, 1] of sorted values, linearly interpolated between closest ranks (NumPy's default).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(sorted));
        }

        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        return sorted[lower] + ((rank - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>
    /// n = ceil(a / (A·α)), and 0 when a is below <paramref name="noiseFloorFraction"/> of one plant (A·α), so
    /// stray pixels do not become plants.
    /// </summary>
    public static int Count(long processedAreaPx, double plantAreaPx, double alpha, double noiseFloorFraction = 0)
    {
        if (processedAreaPx <= 0)
        {
            return 0;
        }

        var plant = plantAreaPx * alpha;
        if (!(plant > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(plantAreaPx), "Plant area and α must be positive.");
        }

        return processedAreaPx < noiseFloorFraction * plant ? 0 : (int)Math.Min(int.MaxValue, Math.Ceiling(processedAreaPx / plant));
    }

    /// <summary>
    /// Otsu's threshold of a 256-bin histogram: the t maximizing between-class variance with classes ≤ t and &gt; t,
    /// and the two classes' means. Null when fewer than two levels are present (nothing to split).
    /// </summary>
    public static (int Threshold, double LowMean, double HighMean)? Otsu(ReadOnlySpan<long> histogram)
    {
        if (histogram.Length != 256)
        {
            throw new ArgumentException("A 256-bin histogram.", nameof(histogram));
        }

        double total = 0, sum = 0;
        for (var i = 0; i < 256; i++)
        {
            total += histogram[i];
            sum += i * (double)histogram[i];
        }

        double weightLow = 0, sumLow = 0, best = -1;
        (int, double, double)? result = null;
        for (var t = 0; t < 255; t++)
        {
            weightLow += histogram[t];
            sumLow += t * (double)histogram[t];
            var weightHigh = total - weightLow;
            if (weightLow == 0 || weightHigh == 0)
            {
                continue;
            }

            var meanLow = sumLow / weightLow;
            var meanHigh = (sum - sumLow) / weightHigh;
            var between = weightLow * weightHigh * (meanLow - meanHigh) * (meanLow - meanHigh);
            if (between > best)
            {
                best = between;
                result = (t, meanLow, meanHigh);
            }
        }

        return result;
    }
}
