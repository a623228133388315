using System.Globalization;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Operation.Valid;

namespace Demeter.Domain.Layout;

/// <summary>What a polygon ring must satisfy to be stored, and its one normal form.</summary>
internal static class PolygonRules
{
    /// <summary>The first reason the ring is unusable, or null. Checks are ordered so NTS only sees well-formed rings.</summary>
    public static string? Problem(IReadOnlyList<GeoPoint> ring)
    {
        if (ring.Count < 4)
            return $"polygon ring has {ring.Count} positions; at least 4 are needed (a closed triangle)";
        for (var i = 0; i < ring.Count; i++)
        {
            if (!Geodesy.IsValidCoordinate(ring[i].Latitude, ring[i].Longitude))
                return $"position {i} [{Format(ring[i].Longitude)}, {Format(ring[i].Latitude)}] is outside WGS84 " +
                       "range (longitude -180..180, latitude -90..90; GeoJSON order is [longitude, latitude])";
        }

        if (ring[0] != ring[^1])
            return "polygon ring is not closed: its first and last positions differ";
        var error = new IsValidOp(LayoutGeometry.Polygon(ring)).ValidationError;
        return error is null
            ? null
            : $"polygon is invalid: {error.Message} near [{Format(error.Coordinate.X)}, {Format(error.Coordinate.Y)}]";
    }

    /// <summary>
    /// RFC 7946 asks for counter-clockwise exterior rings; the nursery files mix both orientations (naves and
    /// canteros are clockwise, claros counter-clockwise), so rings are normalised once, here.
    /// </summary>
    public static IReadOnlyList<GeoPoint> CounterClockwise(IReadOnlyList<GeoPoint> ring) =>
        Orientation.IsCCW(LayoutGeometry.Polygon(ring).ExteriorRing.CoordinateSequence)
            ? ring
            : ring.Reverse().ToArray();

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
