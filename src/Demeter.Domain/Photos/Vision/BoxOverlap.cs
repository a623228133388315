namespace Demeter.Domain.Photos.Vision;

/// <summary>Overlap measures between two detection boxes.</summary>
public static class BoxOverlap
{
    public static float IntersectionArea(Detection a, Detection b)
    {
        var w = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        var h = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        return w <= 0 || h <= 0 ? 0f : w * h;
    }

    /// <summary>Intersection over union; 0 when both boxes are degenerate.</summary>
    public static float Iou(Detection a, Detection b)
    {
        var inter = IntersectionArea(a, b);
        var union = a.Area + b.Area - inter;
        return union <= 0 ? 0f : inter / union;
    }

    /// <summary>
    /// Intersection over the smaller box (SAHI's IOS). A partial box at a tile edge lies almost entirely inside
    /// the full box from the neighbouring tile, which IOS scores near 1 where IoU would not.
    /// </summary>
    public static float Ios(Detection a, Detection b)
    {
        var smaller = Math.Min(a.Area, b.Area);
        return smaller <= 0 ? 0f : IntersectionArea(a, b) / smaller;
    }
}
