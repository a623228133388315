using NetTopologySuite.Geometries;

namespace Demeter.Domain.Layout;

/// <summary>Conversion of rings to NetTopologySuite polygons in lon/lat degrees (x = longitude, y = latitude).</summary>
internal static class LayoutGeometry
{
    public const int Wgs84Srid = 4326;

    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), Wgs84Srid);

    public static Polygon Polygon(IReadOnlyList<GeoPoint> ring) =>
        Factory.CreatePolygon(ring.Select(p => new Coordinate(p.Longitude, p.Latitude)).ToArray());

    public static Point Point(GeoPoint point) => Factory.CreatePoint(new Coordinate(point.Longitude, point.Latitude));
}
