using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Estimation;

public sealed class SessionQualityTests
{
    [Fact]
    public void The_score_weighs_confidence_coverage_consistency_and_failures()
    {
        // C = (1 + 0.7 + 0.4 + 0) / 4 = 0.525; coverage = min(3/4, 1) = 0.75; times 100, 200, 300: mean 200,
        // population std = sqrt((100² + 0 + 100²)/3) = 81.65, consistency = 1 − 0.40825 = 0.59175; failure rate 0.25.
        // 0.4·0.525 + 0.3·0.75 + 0.2·0.59175 + 0.1·0.75 = 0.21 + 0.225 + 0.11835 + 0.075 = 0.62835 → fair.
        var quality = SessionQuality.Of(
            [ConfidenceLevels.High, ConfidenceLevels.Medium, ConfidenceLevels.Low, ConfidenceLevels.Unknown], 3, 4, [100, 200, 300], 0.25);

        Assert.Equal(new SessionQuality(0.6284, SessionQuality.Fair), quality);
    }

    [Theory]
    [InlineData("high", 0.0, 1.0, "excellent")] // 0.4 + 0.3 + 0.2 + 0.1
    [InlineData("medium", 0.0, 0.88, "excellent")] // 0.28 + 0.6 = 0.88
    [InlineData("low", 0.0, 0.76, "good")] // 0.16 + 0.6
    [InlineData("low", 0.5, 0.71, "good")] // 0.16 + 0.3 + 0.2 + 0.05
    [InlineData("unknown", 0.5, 0.55, "fair")] // 0 + 0.3 + 0.2 + 0.05
    [InlineData("unknown", 1.0, 0.5, "fair")] // 0 + 0.3 + 0.2 + 0
    public void One_processed_photo_is_graded_by_its_level_and_failed_attempts(string level, double failureRate, double score, string grade)
    {
        var quality = SessionQuality.Of([level], 1, 1, [1234], failureRate);

        Assert.Equal((score, grade), (quality.Score, quality.Grade));
    }

    [Fact]
    public void Nothing_processed_is_poor()
    {
        // 0 + 0 + 0.2 (no times: consistent) + 0.1 · (1 − 1) = 0.2.
        Assert.Equal(new SessionQuality(0.2, SessionQuality.Poor), SessionQuality.Of([], 0, 1, [], 1));
    }

    [Theory]
    [InlineData(new[] { "high", "high", "high", "high", "high" }, "high")] // 5/5 = 1.0 > 0.8
    [InlineData(new[] { "high", "high", "high", "high", "low" }, "medium")] // 4/5 = 0.8, not above 0.8
    [InlineData(new[] { "high", "high", "low" }, "medium")] // 0.67 > 0.5
    [InlineData(new[] { "high", "low" }, "low")] // 0.5, not above 0.5
    [InlineData(new[] { "unknown", "unknown" }, "unknown")]
    public void The_session_level_is_the_share_of_high_images(string[] levels, string expected) =>
        Assert.Equal(expected, SessionQuality.LevelOf(levels));

    [Fact]
    public void Detection_scores_fall_into_high_medium_and_low()
    {
        // > 0.70 high; 0.50–0.70 medium (both ends); < 0.50 low.
        var buckets = DetectionConfidenceBuckets.Of([0.95f, 0.71f, 0.70f, 0.5f, 0.49f, 0.1f]);

        Assert.Equal(new DetectionConfidenceBuckets(2, 2, 2), buckets);
    }

    [Theory]
    [InlineData(0, 4.9, true)] // 4 boxes of 49 px² = 196 px² of a 4,000 px² box: 4.9 % < 5 %
    [InlineData(0, 5.0, false)] // exactly 5 %: not empty
    [InlineData(1, 0.0, false)] // nothing detected but one plant estimated
    public void A_container_is_empty_when_nothing_is_estimated_and_its_detections_cover_under_five_percent(int estimated, double coveragePercent, bool empty)
    {
        var box = new PixelRect(0, 0, 100, 40);
        var side = (float)Math.Sqrt(coveragePercent / 100 * 4000 / 4);
        var detections = Enumerable.Range(0, coveragePercent > 0 ? 4 : 0).Select(i => new Detection(i * 20, 0, (i * 20) + side, side, 0.9f, 0, "plant")).ToList();

        Assert.Equal(empty, ContainerCount.IsEmpty(box, detections, estimated));
    }
}
