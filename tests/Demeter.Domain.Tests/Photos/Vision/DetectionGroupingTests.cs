using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Vision;

public sealed class DetectionGroupingTests
{
    private const double Fraction = 0.5;

    private static Detection Box(float x1, float y1, float x2, float y2, float score, int classId = 0) =>
        new(x1, y1, x2, y2, score, classId, classId == 0 ? "plant" : $"class{classId}");

    /// <summary>A 100×100 box whose centre is (50 + dx, 50 + dy).</summary>
    private static Detection Square(float dx, float dy, float score, int classId = 0) => Box(dx, dy, 100 + dx, 100 + dy, score, classId);

    [Fact]
    public void A_box_whose_centre_is_closer_than_half_the_kept_side_is_dropped()
    {
        // Centres (50, 50) and (90, 50): 40 px apart < 0.5 · max(100, 100) = 50 → the 0.8 box is a second peak.
        var best = Square(0, 0, 0.9f);
        var second = Square(40, 0, 0.8f);

        var grouped = DetectionGrouping.Group([best, second], Fraction);

        Assert.Equal(best, Assert.Single(grouped));
    }

    [Fact]
    public void Boxes_whose_centres_are_further_apart_are_both_kept()
    {
        // Centres (50, 50) and (110, 50): 60 px apart ≥ 50.
        var best = Square(0, 0, 0.9f);
        var other = Square(60, 0, 0.8f);

        Assert.Equal([best, other], DetectionGrouping.Group([best, other], Fraction));
    }

    [Theory]
    [InlineData(40, 0, 1)] // 40 < 50
    [InlineData(0, 40, 1)] // 40 < 50, vertically
    [InlineData(30, 30, 1)] // sqrt(30² + 30²) = 42.43 < 50
    [InlineData(50, 0, 2)] // 50 is not closer than 50
    [InlineData(30, 40, 2)] // sqrt(30² + 40²) = 50, not closer than 50
    [InlineData(60, 0, 2)] // 60 ≥ 50
    public void The_distance_is_between_centres_and_the_limit_is_strict(float dx, float dy, int expected)
    {
        Assert.Equal(expected, DetectionGrouping.Group([Square(0, 0, 0.9f), Square(dx, dy, 0.8f)], Fraction).Count);
    }

    [Fact]
    public void Boxes_of_different_classes_are_both_kept()
    {
        // 40 px apart as in the first case, but a plant and a class-1 object.
        var plant = Square(0, 0, 0.9f);
        var other = Square(40, 0, 0.8f, classId: 1);

        Assert.Equal([plant, other], DetectionGrouping.Group([plant, other], Fraction));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void A_fraction_that_is_not_positive_leaves_the_detections_unchanged(double fraction)
    {
        IReadOnlyList<Detection> detections = [Square(0, 0, 0.9f), Square(40, 0, 0.8f)];

        Assert.Same(detections, DetectionGrouping.Group(detections, fraction));
    }

    [Fact]
    public void The_survivor_is_the_higher_scored_box_even_when_listed_second()
    {
        var low = Square(0, 0, 0.6f);
        var high = Square(40, 0, 0.9f);

        Assert.Equal(high, Assert.Single(DetectionGrouping.Group([low, high], Fraction)));
    }

    [Fact]
    public void A_dropped_box_does_not_drop_others()
    {
        // A (centre 50), B (90), C (130), scores 0.9 > 0.8 > 0.7. B is 40 < 50 from A → dropped. C is 80 ≥ 50 from A,
        // the only kept box near it, so it stays, although it is 40 px from B.
        var a = Square(0, 0, 0.9f);
        var b = Square(40, 0, 0.8f);
        var c = Square(80, 0, 0.7f);

        Assert.Equal([a, c], DetectionGrouping.Group([a, b, c], Fraction));
    }

    [Fact]
    public void The_limit_is_a_share_of_the_kept_box_larger_side()
    {
        // Kept box 100 wide and 40 tall (centre (50, 20)); a box with centre (50, 60) is 40 px below it:
        // 40 < 0.5 · max(100, 40) = 50 → dropped (by its height alone, 0.5 · 40 = 20, it would stay).
        var wide = Box(0, 0, 100, 40, 0.9f);
        var below = Box(30, 40, 70, 80, 0.8f);

        Assert.Equal(wide, Assert.Single(DetectionGrouping.Group([wide, below], Fraction)));
    }

    [Fact]
    public void The_limit_is_measured_on_the_kept_box_not_on_the_candidate()
    {
        // Kept: 20×20 with centre (100, 100). Candidate: 200×200 with centre (140, 100), 40 px away.
        // 40 ≥ 0.5 · 20 = 10 → kept (measured on the candidate, 0.5 · 200 = 100, it would be dropped).
        var small = Box(90, 90, 110, 110, 0.9f);
        var large = Box(40, 0, 240, 200, 0.8f);

        Assert.Equal([small, large], DetectionGrouping.Group([small, large], Fraction));
    }

    [Fact]
    public void Fewer_than_two_detections_are_returned_as_they_are()
    {
        IReadOnlyList<Detection> none = [];
        IReadOnlyList<Detection> one = [Square(0, 0, 0.9f)];

        Assert.Same(none, DetectionGrouping.Group(none, Fraction));
        Assert.Same(one, DetectionGrouping.Group(one, Fraction));
    }
}
