using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Vision;

public class NonMaxSuppressionTests
{
    private static Detection Box(float x1, float y1, float x2, float y2, float score, int classId = 0) =>
        new(x1, y1, x2, y2, score, classId, "c" + classId);

    [Fact]
    public void The_lower_of_two_heavily_overlapping_boxes_is_dropped_not_merged()
    {
        var high = Box(0, 0, 100, 100, 0.9f);
        var low = Box(5, 5, 105, 105, 0.8f);

        Assert.Equal([high], NonMaxSuppression.Apply([low, high], 0.45));
    }

    [Fact]
    public void Boxes_at_or_below_the_IoU_threshold_survive_and_classes_are_independent()
    {
        // IoU of a and b = 50·100 / 15000 = 1/3.
        var a = Box(0, 0, 100, 100, 0.9f);
        var b = Box(50, 0, 150, 100, 0.8f);
        var otherClass = Box(0, 0, 100, 100, 0.7f, 1);

        Assert.Equal([a, b, otherClass], NonMaxSuppression.Apply([otherClass, b, a], 0.45));
        Assert.Equal([a, otherClass], NonMaxSuppression.Apply([otherClass, b, a], 0.3));
    }

    [Fact]
    public void At_most_max_detections_are_kept_highest_first()
    {
        var boxes = Enumerable.Range(0, 10).Select(i => Box(i * 20, 0, (i * 20) + 10, 10, i / 10f)).ToArray();

        Assert.Equal([0.9f, 0.8f, 0.7f], NonMaxSuppression.Apply(boxes, 0.5, 3).Select(d => d.Score));
    }
}
