namespace Demeter.Domain.Photos.Vision;

/// <summary>Per-class greedy NMS: a box is dropped when it overlaps a higher-scored box of its class above the IoU threshold.</summary>
public static class NonMaxSuppression
{
    public static IReadOnlyList<Detection> Apply(IEnumerable<Detection> detections, double iouThreshold, int maxDetections = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (double.IsNaN(iouThreshold) || iouThreshold <= 0 || iouThreshold > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iouThreshold), iouThreshold, "IoU threshold must be in (0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(maxDetections, 0);
        var kept = new List<Detection>();
        foreach (var group in detections.GroupBy(d => d.ClassId))
        {
            var survivors = new List<Detection>();
            foreach (var candidate in group.OrderByDescending(d => d.Score))
            {
                if (survivors.TrueForAll(s => BoxOverlap.Iou(s, candidate) <= iouThreshold))
                {
                    survivors.Add(candidate);
                }
            }

            kept.AddRange(survivors);
        }

        return kept.OrderByDescending(d => d.Score).Take(maxDetections).ToList();
    }
}
