using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace Demeter.Domain.Layout;

/// <summary>
/// Photo GPS fix → storage location (ML_PIPELINE §9 build note): (1) the claro whose polygon contains the
/// fix; (2) else the claro with the nearest centroid within <see cref="MaxCentroidDistanceM"/>; (3) else
/// none, meaning "needs location". Immutable after construction and safe for concurrent readers.
/// </summary>
public sealed class StorageLocationIndex
{
    public const double MaxCentroidDistanceM = 10.0;

    private readonly Dictionary<int, Entry> _byId;
    private readonly STRtree<Entry> _polygons = new();
    private readonly STRtree<Entry> _centroids = new();

    public StorageLocationIndex(LayoutDocument layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _byId = new Dictionary<int, Entry>(layout.StorageLocations.Count);
        foreach (var location in layout.StorageLocations)
        {
            var polygon = LayoutGeometry.Polygon(location.Polygon);
            var centroid = location.Centroid;
            var entry = new Entry(location, PreparedGeometryFactory.Prepare(polygon), centroid);
            if (!_byId.TryAdd(location.Id, entry))
                throw new ArgumentException($"Storage location id {location.Id} appears twice.", nameof(layout));
            // Prepared geometries build their internal index on first use; doing that here, on one thread,
            // leaves only read-only work for concurrent Locate calls.
            entry.Prepared.Covers(LayoutGeometry.Point(centroid));
            _polygons.Insert(polygon.EnvelopeInternal, entry);
            _centroids.Insert(new Envelope(centroid.Longitude, centroid.Longitude, centroid.Latitude, centroid.Latitude), entry);
        }

        // STRtree also builds lazily on first query, which is not thread-safe.
        _polygons.Build();
        _centroids.Build();
    }

    public int Count => _byId.Count;

    public StorageLocation? Find(int id) => _byId.TryGetValue(id, out var entry) ? entry.Location : null;

    /// <summary>Note the argument order: latitude first, as GPS fixes are usually written.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN, infinite or outside WGS84 range.</exception>
    public LocationMatch? Locate(double latitude, double longitude)
    {
        Geodesy.RequireValidCoordinate(latitude, longitude);
        var fix = new GeoPoint(longitude, latitude);
        return Containing(fix) ?? NearestCentroid(fix);
    }

    private LocationMatch? Containing(GeoPoint fix)
    {
        var point = LayoutGeometry.Point(fix);
        // Neighbouring claros share edges, so a fix exactly on an edge is covered by both; the nearer
        // centroid (then the lower id) decides, so the answer never depends on tree order.
        return Best(_polygons.Query(point.EnvelopeInternal).Where(e => e.Prepared.Covers(point)), fix, inside: true, maxDistanceM: double.PositiveInfinity);
    }

    private LocationMatch? NearestCentroid(GeoPoint fix)
    {
        var candidates = SearchWindows(fix).SelectMany(_centroids.Query);
        return Best(candidates, fix, inside: false, maxDistanceM: MaxCentroidDistanceM);
    }

    private static LocationMatch? Best(IEnumerable<Entry> candidates, GeoPoint fix, bool inside, double maxDistanceM)
    {
        LocationMatch? best = null;
        foreach (var entry in candidates)
        {
            var distanceM = Geodesy.LocalDistanceM(fix, entry.Centroid);
            if (distanceM > maxDistanceM) continue;
            if (best is null || distanceM < best.DistanceM ||
                (distanceM == best.DistanceM && entry.Location.Id < best.StorageLocationId))
                best = new LocationMatch(entry.Location.Id, inside, distanceM);
        }

        return best;
    }

    /// <summary>
    /// Degree boxes that hold every point within the search radius; exact metres are computed afterwards.
    /// The box is widened by 1 % against rounding and split in two where it crosses the antimeridian.
    /// </summary>
    private static IEnumerable<Envelope> SearchWindows(GeoPoint fix)
    {
        var radiusM = MaxCentroidDistanceM * 1.01;
        var north = Geodesy.Offset(fix, 0, radiusM).Latitude - fix.Latitude;
        var south = fix.Latitude - Geodesy.Offset(fix, 0, -radiusM).Latitude;
        var latitudeDelta = Math.Max(north, south);
        var minLatitude = Math.Max(-90, fix.Latitude - latitudeDelta);
        var maxLatitude = Math.Min(90, fix.Latitude + latitudeDelta);

        // East-west extent is widest at the box's latitude farthest from the equator.
        var widestLatitude = Math.Max(Math.Abs(minLatitude), Math.Abs(maxLatitude));
        var metresPerDegreeLongitude = Geodesy.LocalDistanceM(new GeoPoint(0, widestLatitude), new GeoPoint(1e-3, widestLatitude)) * 1e3;
        var longitudeDelta = metresPerDegreeLongitude < radiusM / 180 ? 180 : radiusM / metresPerDegreeLongitude;
        if (longitudeDelta >= 180)
        {
            yield return new Envelope(-180, 180, minLatitude, maxLatitude);
            yield break;
        }

        var west = fix.Longitude - longitudeDelta;
        var east = fix.Longitude + longitudeDelta;
        yield return new Envelope(Math.Max(west, -180), Math.Min(east, 180), minLatitude, maxLatitude);
        if (west < -180) yield return new Envelope(west + 360, 180, minLatitude, maxLatitude);
        if (east > 180) yield return new Envelope(-180, east - 360, minLatitude, maxLatitude);
    }

    private sealed record Entry(StorageLocation Location, IPreparedGeometry Prepared, GeoPoint Centroid);
}
