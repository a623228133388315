namespace Demeter.Domain.Layout;

/// <summary>
/// Area and centroid of a polygon ring on the WGS84 ellipsoid, computed in a
/// <see cref="LocalEqualAreaProjection"/> centred on the ring (see there for the error bound).
/// </summary>
public static class RingMeasures
{
    public static double AreaM2(IReadOnlyList<GeoPoint> ring)
    {
        var projected = Project(ring);
        return Math.Abs(TwiceSignedArea(projected) / 2);
    }

    /// <summary>
    /// The area-weighted centroid; for a degenerate (zero-area) ring, the mean of its vertices; for an empty
    /// ring, NaN (not an exception: records print this property in ToString).
    /// </summary>
    public static GeoPoint Centroid(IReadOnlyList<GeoPoint> ring)
    {
        if (ring.Count == 0) return new GeoPoint(double.NaN, double.NaN);
        var projection = new LocalEqualAreaProjection(VertexMean(ring));
        var points = ring.Select(projection.Forward).ToArray();
        double twiceArea = 0, cx = 0, cy = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[(i + 1) % points.Length];
            var cross = x0 * y1 - x1 * y0;
            twiceArea += cross;
            cx += (x0 + x1) * cross;
            cy += (y0 + y1) * cross;
        }

        if (Math.Abs(twiceArea) < 1e-12)
            return projection.Inverse(points.Average(p => p.X), points.Average(p => p.Y));
        return projection.Inverse(cx / (3 * twiceArea), cy / (3 * twiceArea));
    }

    private static (double X, double Y)[] Project(IReadOnlyList<GeoPoint> ring)
    {
        if (ring.Count == 0) return [];
        var projection = new LocalEqualAreaProjection(VertexMean(ring));
        return ring.Select(projection.Forward).ToArray();
    }

    // Shoelace over the ring; a closing duplicate vertex adds a zero-length edge, so closed and open rings agree.
    private static double TwiceSignedArea((double X, double Y)[] points)
    {
        double sum = 0;
        for (var i = 0; i < points.Length; i++)
        {
            var (x0, y0) = points[i];
            var (x1, y1) = points[(i + 1) % points.Length];
            sum += x0 * y1 - x1 * y0;
        }

        return sum;
    }

    // Origin for the projection: the vertex mean, with longitudes taken relative to the first vertex so a
    // ring across the antimeridian does not average to the wrong side of the globe.
    private static GeoPoint VertexMean(IReadOnlyList<GeoPoint> ring)
    {
        var first = ring[0];
        var longitudeOffset = ring.Average(p => Geodesy.WrapLongitudeDelta(p.Longitude - first.Longitude));
        return new GeoPoint(
            Geodesy.WrapLongitudeDelta(first.Longitude + longitudeOffset),
            ring.Average(p => p.Latitude));
    }
}
