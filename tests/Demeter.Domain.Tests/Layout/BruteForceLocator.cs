using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

/// <summary>
/// The §9 rule written the slow, obvious way (even-odd ray casting over every claro, then every centroid),
/// without NetTopologySuite or a spatial index: the oracle for <see cref="StorageLocationIndex"/>.
/// </summary>
internal sealed class BruteForceLocator(IEnumerable<StorageLocation> locations)
{
    private readonly (int Id, IReadOnlyList<GeoPoint> Ring, GeoPoint Centroid)[] _locations =
        locations.Select(l => (l.Id, l.Polygon, l.Centroid)).ToArray();

    public LocationMatch? Locate(GeoPoint point)
    {
        var inside = _locations.Where(l => Contains(l.Ring, point)).ToList();
        var candidates = inside.Count > 0 ? inside : _locations.Where(l => Geodesy.LocalDistanceM(point, l.Centroid) <= 10).ToList();
        if (candidates.Count == 0) return null;
        var best = candidates.OrderBy(l => Geodesy.LocalDistanceM(point, l.Centroid)).ThenBy(l => l.Id).First();
        return new LocationMatch(best.Id, inside.Count > 0, Geodesy.LocalDistanceM(point, best.Centroid));
    }

    private static bool Contains(IReadOnlyList<GeoPoint> ring, GeoPoint p)
    {
        var inside = false;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Latitude > p.Latitude) != (b.Latitude > p.Latitude) &&
                p.Longitude < (b.Longitude - a.Longitude) * (p.Latitude - a.Latitude) / (b.Latitude - a.Latitude) + a.Longitude)
                inside = !inside;
        }

        return inside;
    }
}
