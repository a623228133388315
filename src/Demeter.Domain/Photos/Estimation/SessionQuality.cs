namespace Demeter.Domain.Photos.Estimation;

/// <summary>
/// How good a session's counting was, from its images' confidence levels, how many of the expected images were
/// processed, how steady their processing times were, and how often processing failed:
/// score = 0.4·C + 0.3·coverage + 0.2·consistency + 0.1·(1 − failure rate), with C = (high·1 + medium·0.7 + low·0.4) / images
/// (unknown counts 0), coverage = min(processed / expected, 1), consistency = max(0, 1 − std / mean of the times);
/// ≥ 0.85 excellent, ≥ 0.70 good, ≥ 0.50 fair, else poor.
/// </summary>
public sealed record SessionQuality(double Score, string Grade)
{
    public const string Excellent = "excellent";
    public const string Good = "good";
    public const string Fair = "fair";
    public const string Poor = "poor";

    public static SessionQuality Of(IReadOnlyList<string> imageLevels, int processed, int expected, IReadOnlyList<double> processingMs, double failureRate)
    {
        ArgumentNullException.ThrowIfNull(imageLevels);
        ArgumentNullException.ThrowIfNull(processingMs);
        var c = imageLevels.Count == 0 ? 0 : imageLevels.Sum(l => l switch
        {
            ConfidenceLevels.High => 1.0,
            ConfidenceLevels.Medium => 0.7,
            ConfidenceLevels.Low => 0.4,
            _ => 0.0,
        }) / imageLevels.Count;
        var coverage = expected <= 0 ? 0 : Math.Min(processed / (double)expected, 1);
        var consistency = Consistency(processingMs);
        var score = Math.Round((0.4 * c) + (0.3 * coverage) + (0.2 * consistency) + (0.1 * (1 - Math.Clamp(failureRate, 0, 1))), 4);
        return new SessionQuality(score, score >= 0.85 ? Excellent : score >= 0.70 ? Good : score >= 0.50 ? Fair : Poor);
    }

    /// <summary>
    /// The quality of one photo's session: its one image at <paramref name="confidence"/>, processed as expected, its time its
    /// own mean, and the attempts before <paramref name="attempt"/> failed.
    /// </summary>
    public static SessionQuality OfPhoto(string? confidence, double? pipelineMs, int attempt) =>
        Of([confidence ?? ConfidenceLevels.Unknown], 1, 1, pipelineMs is { } ms ? [ms] : [], (attempt - 1) / (double)Math.Max(1, attempt));

    /// <summary>
    /// The session's level from its images' levels: a share of high images above 0.80 → high, above 0.50 → medium, else
    /// low; unknown when no image is known.
    /// </summary>
    public static string LevelOf(IReadOnlyList<string> imageLevels)
    {
        ArgumentNullException.ThrowIfNull(imageLevels);
        var known = imageLevels.Where(l => l != ConfidenceLevels.Unknown).ToList();
        if (known.Count == 0)
        {
            return ConfidenceLevels.Unknown;
        }

        var high = imageLevels.Count(l => l == ConfidenceLevels.High) / (double)imageLevels.Count;
        return high > 0.8 ? ConfidenceLevels.High : high > 0.5 ? ConfidenceLevels.Medium : ConfidenceLevels.Low;
    }

    // Population standard deviation over the mean; one time (or none) is perfectly consistent.
    private static double Consistency(IReadOnlyList<double> times)
    {
        if (times.Count < 2)
        {
            return 1;
        }

        var mean = times.Average();
        if (!(mean > 0))
        {
            return 0;
        }

        var std = Math.Sqrt(times.Sum(t => (t - mean) * (t - mean)) / times.Count);
        return Math.Max(0, 1 - (std / mean));
    }
}
