namespace Demeter.Domain.Photos.Estimation;

/// <summary>How far a count can be trusted, from how many bands had enough detections to calibrate themselves.</summary>
public static class ConfidenceLevels
{
    public const string High = "high";

    public const string Medium = "medium";

    public const string Low = "low";

    /// <summary>Nothing was detected: an empty field, a poor photo, a threshold too high or the wrong model.</summary>
    public const string Unknown = "unknown";

    /// <summary>
    /// From the detections per band: no detections → unknown; at least 80 % of the bands with ≥ <paramref name="minPerBand"/>
    /// detections → high; at least 40 % → medium; else low (4 of 5 and 2 of 5 bands, for 5 bands).
    /// </summary>
    public static string FromBands(IReadOnlyList<int> detectionsPerBand, int minPerBand)
    {
        ArgumentNullException.ThrowIfNull(detectionsPerBand);
        if (detectionsPerBand.Count == 0 || detectionsPerBand.Sum() == 0)
        {
            return Unknown;
        }

        var share = detectionsPerBand.Count(d => d >= minPerBand) / (double)detectionsPerBand.Count;
        return share >= 0.8 ? High : share >= 0.4 ? Medium : Low;
    }

    /// <summary>An estimate's confidence: 0.70 with a measured or calibrated plant size, 0.50 with the default A₀.</summary>
    public static double OfEstimate(string plantAreaSource) => plantAreaSource == PlantAreaSources.Default ? 0.5 : 0.7;
}

/// <summary>How the detections' scores spread: high above 0.70, medium 0.50–0.70, low below 0.50.</summary>
public sealed record DetectionConfidenceBuckets(int High, int Medium, int Low)
{
    public static DetectionConfidenceBuckets Of(IEnumerable<float> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        int high = 0, medium = 0, low = 0;
        foreach (var s in scores)
        {
            if (s > 0.7f)
            {
                high++;
            }
            else if (s >= 0.5f)
            {
                medium++;
            }
            else
            {
                low++;
            }
        }

        return new DetectionConfidenceBuckets(high, medium, low);
    }
}
