namespace Demeter.Domain.Photos.Vision;

/// <summary>
/// Grouping of duplicate detections (spatial clustering): highest score first, a box whose centre lies closer than a
/// share of a kept box's larger side (same class) is a second peak of that plant and is dropped. Touching plants stand
/// about a whole plant apart. Only for detectors known to put two peaks on one object: after a trained model's NMS it
/// would undo what NMS decided (two overlapping objects it kept).
/// </summary>
public static class DetectionGrouping
{
    public static IReadOnlyList<Detection> Group(IReadOnlyList<Detection> detections, double fraction)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (!(fraction > 0) || detections.Count < 2)
        {
            return detections;
        }

        // Compared with every kept box, not through a grid: a kept box may group a candidate it does not overlap (an
        // elongated box, a fraction near 1), and one image's detections after NMS are at most a few thousand.
        var order = Enumerable.Range(0, detections.Count).OrderByDescending(i => detections[i].Score).ThenBy(i => i).ToList();
        var keep = new bool[detections.Count];
        var kept = new List<Detection>();
        foreach (var i in order)
        {
            var box = detections[i];
            keep[i] = !kept.Any(k => k.ClassId == box.ClassId && CentreDistance(k, box) < fraction * Math.Max(k.Width, k.Height));
            if (keep[i])
            {
                kept.Add(box);
            }
        }

        return detections.Where((_, i) => keep[i]).ToList();
    }

    private static double CentreDistance(Detection a, Detection b)
    {
        var (ax, ay) = a.Center;
        var (bx, by) = b.Center;
        return Math.Sqrt(((ax - bx) * (ax - bx)) + ((ay - by) * (ay - by)));
    }
}
