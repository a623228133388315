using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace Demeter.Domain.Layout;

/// <summary>
/// DOMAIN §1.9 #14: a child polygon must lie inside its parent. Surveyed children share their parent's
/// edges, so an exact test could fail on the last bit of a coordinate; a child may stick out by at most
/// <see cref="ToleranceM"/>.
/// </summary>
internal static class Containment
{
    public const double ToleranceM = 0.05;

    /// <summary>Ids of the children (by parent id) that stick out of their parent by more than the tolerance.</summary>
    public static IEnumerable<int> Outside<TChild>(
        IReadOnlyDictionary<int, IReadOnlyList<GeoPoint>> parents,
        IEnumerable<TChild> children,
        Func<TChild, int> id,
        Func<TChild, int> parentId,
        Func<TChild, IReadOnlyList<GeoPoint>> ring)
    {
        var prepared = new Dictionary<int, IPreparedGeometry>();
        var tolerant = new Dictionary<int, Geometry>();
        foreach (var child in children)
        {
            var childRing = ring(child);
            if (childRing.Count == 0 || !parents.TryGetValue(parentId(child), out var parentRing) || parentRing.Count == 0)
                continue;
            var childPolygon = LayoutGeometry.Polygon(childRing);
            if (!prepared.TryGetValue(parentId(child), out var parent))
                prepared[parentId(child)] = parent = PreparedGeometryFactory.Prepare(LayoutGeometry.Polygon(parentRing));
            if (parent.Covers(childPolygon)) continue;
            if (!tolerant.TryGetValue(parentId(child), out var grown))
                tolerant[parentId(child)] = grown = parent.Geometry.Buffer(ToleranceDegrees(parentRing[0].Latitude));
            if (!grown.Covers(childPolygon)) yield return id(child);
        }
    }

    // A degree of longitude is the shorter one away from the equator; dividing by it errs on the generous
    // side north-south, which is fine for a tolerance.
    private static double ToleranceDegrees(double latitude)
    {
        var origin = new GeoPoint(0, latitude);
        var metresPerDegree = Geodesy.LocalDistanceM(origin, origin with { Longitude = 1e-3 }) * 1e3;
        return ToleranceM / Math.Max(metresPerDegree, 1);
    }
}
