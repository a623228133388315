namespace Demeter.Domain.Photos.Vision;

/// <summary>Post-detection filters from ML_PIPELINE §4.3.</summary>
public static class DetectionFilters
{
    /// <summary>Keeps detections whose centre lies inside <paramref name="region"/> (e.g. a container's box).</summary>
    public static IReadOnlyList<Detection> CentreInside(IEnumerable<Detection> detections, PixelRect region) =>
        detections.Where(d => region.Contains(d.Center.X, d.Center.Y)).ToList();

    /// <summary>Drops boxes smaller than <paramref name="minAreaPx"/> (the [DOCS] filter uses 100 px²).</summary>
    public static IReadOnlyList<Detection> MinArea(IEnumerable<Detection> detections, float minAreaPx) =>
        detections.Where(d => d.Area >= minAreaPx).ToList();

    /// <summary>Drops boxes that touch the border of a width × height frame (truncated plants) within a margin.</summary>
    public static IReadOnlyList<Detection> NotTouchingEdge(IEnumerable<Detection> detections, int widthPx, int heightPx, float marginPx = 1f) =>
        detections.Where(d => d.X1 >= marginPx && d.Y1 >= marginPx && d.X2 <= widthPx - marginPx && d.Y2 <= heightPx - marginPx).ToList();
}
