using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

public sealed class StorageLocationIndexTests
{
    private static readonly Lazy<StorageLocationIndex> RealIndex = new(() => new StorageLocationIndex(RealNurseryData.Layout));

    private static StorageLocationIndex Index => RealIndex.Value;

    private static LocationMatch? Locate(GeoPoint point) => Index.Locate(point.Latitude, point.Longitude);

    [Fact]
    public void The_centroid_of_every_real_claro_locates_to_that_claro()
    {
        Assert.Equal(1290, Index.Count);
        Assert.All(RealNurseryData.Layout.StorageLocations, location =>
        {
            var match = Locate(location.Centroid);

            Assert.NotNull(match);
            Assert.Equal((location.Id, true), (match.StorageLocationId, match.Inside));
            Assert.True(match.DistanceM < 1e-6);
        });
    }

    [Fact]
    public void A_point_far_from_every_claro_locates_nowhere()
    {
        Assert.Null(Index.Locate(0, 0));
        Assert.Null(Locate(Geodesy.Offset(RealNurseryData.Layout.Warehouses[0].Centroid, 0, 1000)));
    }

    [Fact]
    public void A_point_5_m_outside_an_edge_claro_goes_to_that_claro_as_the_nearest_within_10_m()
    {
        var (claro, probe, expectedDistanceM) = EdgeProbe.Value;

        var match = Locate(probe);

        Assert.NotNull(match);
        Assert.Equal((claro.Id, false), (match.StorageLocationId, match.Inside));
        Assert.Equal(expectedDistanceM, match.DistanceM, tolerance: 0.001);
        Assert.InRange(match.DistanceM, 5, StorageLocationIndex.MaxCentroidDistanceM);
    }

    [Theory]
    [InlineData(9.9, true)]
    [InlineData(9.999, true)]
    [InlineData(10.001, false)]
    [InlineData(10.1, false)]
    public void The_nearest_centroid_counts_only_within_10_m(double distanceM, bool found)
    {
        // Real claros are too close together for an isolated one: one synthetic 10 m × 5 m claro stands alone.
        var claro = SyntheticLayoutFiles.ValidDocument().StorageLocations[0];
        var index = new StorageLocationIndex(new LayoutDocument([], [], [claro]));
        var point = Geodesy.Offset(claro.Centroid, -distanceM * 0.6, -distanceM * 0.8);

        var match = index.Locate(point.Latitude, point.Longitude);

        Assert.Equal(found, match is not null);
        if (match is null) return;
        Assert.Equal((claro.Id, false), (match.StorageLocationId, match.Inside));
        Assert.Equal(distanceM, match.DistanceM, tolerance: 1e-6);
    }

    [Fact]
    public void Random_points_over_the_nursery_locate_as_a_brute_force_search_does()
    {
        // Covers containment, the shared edges and the overlaps between neighbouring naves (830 real claros
        // overlap a claro of the next nave), the 10 m fallback and misses.
        var oracle = new BruteForceLocator(RealNurseryData.Layout.StorageLocations);
        var random = new Random(20240611);
        var (minLon, maxLon, minLat, maxLat) = (-68.7050, -68.7028, -33.0423, -33.0403);
        var outcomes = new Dictionary<string, int>();
        for (var i = 0; i < 3000; i++)
        {
            var point = new GeoPoint(minLon + random.NextDouble() * (maxLon - minLon), minLat + random.NextDouble() * (maxLat - minLat));

            var expected = oracle.Locate(point);
            Assert.Equal(expected, Locate(point));

            var outcome = expected is null ? "none" : expected.Inside ? "inside" : "nearest";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }

        // Every branch was exercised, so agreement above means something for each of them.
        Assert.All(new[] { "inside", "nearest", "none" }, o => Assert.True(outcomes.GetValueOrDefault(o) > 50, $"{o}: {outcomes.GetValueOrDefault(o)}"));
    }

    [Fact]
    public void Find_returns_the_registered_claro_or_null()
    {
        var claro = RealNurseryData.Layout.StorageLocations[17];

        Assert.Equal(claro, Index.Find(claro.Id));
        Assert.Null(Index.Find(-1));
    }

    [Theory]
    [InlineData(90.0001, 0.0, "latitude")]
    [InlineData(-91.0, 0.0, "latitude")]
    [InlineData(double.NaN, 0.0, "latitude")]
    [InlineData(double.PositiveInfinity, 0.0, "latitude")]
    [InlineData(0.0, 180.5, "longitude")]
    [InlineData(0.0, -181.0, "longitude")]
    [InlineData(0.0, double.NaN, "longitude")]
    public void Coordinates_outside_WGS84_are_refused(double latitude, double longitude, string parameter)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Index.Locate(latitude, longitude));

        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData(90.0, 180.0)]
    [InlineData(-90.0, -180.0)]
    [InlineData(0.0, 179.99999)]
    public void Extreme_but_valid_coordinates_are_searched(double latitude, double longitude)
    {
        Assert.Null(Index.Locate(latitude, longitude));
    }

    [Fact]
    public void A_claro_just_west_of_the_antimeridian_is_found_from_its_east_side()
    {
        GeoPoint[] ring = [new(179.99996, 0), new(179.99999, 0), new(179.99999, 0.00003), new(179.99996, 0.00003), new(179.99996, 0)];
        var index = new StorageLocationIndex(new LayoutDocument([], [], [new StorageLocation(1, 1, 1, "Claro 1", 1, 1, "A-B-C", ring)]));

        // 2 m east of the claro's edge, which is on the other side of ±180°: only the 10 m step can see it.
        var match = index.Locate(0.000015, -179.99999);

        Assert.NotNull(match);
        Assert.Equal((1, false), (match.StorageLocationId, match.Inside));
        Assert.Equal(3.896, match.DistanceM, tolerance: 0.001);
    }

    [Fact]
    public void An_empty_layout_locates_nothing()
    {
        Assert.Null(new StorageLocationIndex(LayoutDocument.Empty).Locate(-33.04, -68.70));
    }

    [Fact]
    public void A_layout_with_a_repeated_claro_id_is_refused()
    {
        var location = RealNurseryData.Layout.StorageLocations[0];

        Assert.Throws<ArgumentException>(() => new StorageLocationIndex(new LayoutDocument([], [], [location, location])));
    }

    private static readonly Lazy<(StorageLocation Claro, GeoPoint Probe, double DistanceM)> EdgeProbe = new(FindEdgeProbe);

    /// <summary>
    /// The first real claro (by id) with open ground beyond one of its edges: the point 5 m past the edge's
    /// midpoint, straight out from the centroid, lies in no claro and its own centroid is the nearest by
    /// at least 1 m. Most edges face a neighbour or the next nave, so this is searched, not hard-coded.
    /// </summary>
    private static (StorageLocation, GeoPoint, double) FindEdgeProbe()
    {
        var locations = RealNurseryData.Layout.StorageLocations;
        var oracle = new BruteForceLocator(locations);
        foreach (var claro in locations)
        {
            var centroid = claro.Centroid;
            for (var i = 0; i + 1 < claro.Polygon.Count; i++)
            {
                var (p, q) = (claro.Polygon[i], claro.Polygon[i + 1]);
                var (east, north) = LocalMetres(centroid, new GeoPoint((p.Longitude + q.Longitude) / 2, (p.Latitude + q.Latitude) / 2));
                var toEdgeM = Math.Sqrt(east * east + north * north);
                var distanceM = toEdgeM + 5;
                var probe = Geodesy.Offset(centroid, east / toEdgeM * distanceM, north / toEdgeM * distanceM);
                if (oracle.Locate(probe) is { Inside: false } match && match.StorageLocationId == claro.Id &&
                    locations.All(l => l.Id == claro.Id || Geodesy.LocalDistanceM(probe, l.Centroid) > match.DistanceM + 1))
                    return (claro, probe, distanceM);
            }
        }

        throw new InvalidOperationException("No real claro has open ground beyond an edge.");
    }

    private static (double East, double North) LocalMetres(GeoPoint origin, GeoPoint to)
    {
        var east = Geodesy.LocalDistanceM(origin, origin with { Longitude = to.Longitude }) * Math.Sign(to.Longitude - origin.Longitude);
        var north = Geodesy.LocalDistanceM(origin, origin with { Latitude = to.Latitude }) * Math.Sign(to.Latitude - origin.Latitude);
        return (east, north);
    }
}
