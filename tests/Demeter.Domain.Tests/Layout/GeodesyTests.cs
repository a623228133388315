using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

public sealed class GeodesyTests
{
    private static readonly double E2 = Geodesy.Flattening * (2 - Geodesy.Flattening);

    /// <summary>
    /// Exact ellipsoidal area of a latitude/longitude quadrangle, integrating dA = M·N·cos φ dφ dλ in closed
    /// form: a²(1−e²)·Δλ·[F(sin φ2) − F(sin φ1)], F(t) = t / (2(1−e²t²)) + ln((1+et)/(1−et)) / (4e).
    /// An independent reference for the projected computation.
    /// </summary>
    private static double QuadrangleAreaM2(double lat1, double lat2, double deltaLonDeg)
    {
        var e = Math.Sqrt(E2);
        double F(double latDeg)
        {
            var t = Math.Sin(latDeg * Math.PI / 180);
            return t / (2 * (1 - E2 * t * t)) + Math.Log((1 + e * t) / (1 - e * t)) / (4 * e);
        }

        var a = Geodesy.SemiMajorAxisM;
        return a * a * (1 - E2) * (deltaLonDeg * Math.PI / 180) * (F(lat2) - F(lat1));
    }

    private static GeoPoint[] Quadrangle(double lon, double lat, double size) =>
        [new(lon, lat), new(lon + size, lat), new(lon + size, lat + size), new(lon, lat + size), new(lon, lat)];

    [Theory]
    [InlineData(-68.704, -33.042, 0.0001)]  // a claro-sized ~90 m² cell at the nursery
    [InlineData(-68.704, -33.042, 0.01)]    // ~1 km: still within 1e-6
    [InlineData(10.0, 60.0, 0.001)]
    [InlineData(0.0, 0.0, 0.001)]
    public void Area_matches_the_closed_form_ellipsoidal_area_to_one_part_in_a_million(double lon, double lat, double size)
    {
        var expected = QuadrangleAreaM2(lat, lat + size, size);

        var actual = RingMeasures.AreaM2(Quadrangle(lon, lat, size));

        Assert.InRange(Math.Abs(actual - expected) / expected, 0, 1e-6);
    }

    [Fact]
    public void Area_ignores_orientation_and_the_closing_position()
    {
        var ring = Quadrangle(-68.704, -33.042, 0.0001);
        var area = RingMeasures.AreaM2(ring);

        Assert.Equal(area, RingMeasures.AreaM2(ring.Reverse().ToArray()), 9);
        Assert.Equal(area, RingMeasures.AreaM2(ring[..^1]), 9);
    }

    [Fact]
    public void Centroid_of_a_small_quadrangle_is_its_centre()
    {
        var centroid = RingMeasures.Centroid(Quadrangle(-68.704, -33.042, 0.0001));

        Assert.True(Geodesy.LocalDistanceM(new GeoPoint(-68.70395, -33.04195), centroid) < 1e-3);
    }

    [Fact]
    public void Centroid_of_an_L_shape_lies_where_its_area_balances()
    {
        // 2×2 square minus its top-right 1×1 quarter: centroid at (5/6, 5/6) of the unit, by hand.
        var o = new GeoPoint(-68.704, -33.042);
        GeoPoint At(double e, double n) => Geodesy.Offset(o, e * 10, n * 10);
        GeoPoint[] ring = [At(0, 0), At(2, 0), At(2, 1), At(1, 1), At(1, 2), At(0, 2), At(0, 0)];

        var centroid = RingMeasures.Centroid(ring);

        Assert.True(Geodesy.LocalDistanceM(At(5.0 / 6, 5.0 / 6), centroid) < 1e-3);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.001, 0.0, 111.31949)]   // equator, east: a·π/180 per degree
    [InlineData(0.0, 0.0, 0.0, 0.001, 110.57427)]   // equator, north: 110 574 m per degree
    [InlineData(0.0, 45.0, 0.0, 0.01, 1111.3188)]   // 45.005°, north: 111 132.954 − 559.822·cos 2φ + 1.175·cos 4φ m per degree
    [InlineData(0.0, 60.0, 0.001, 0.0, 55.800)]     // 60°: a degree of longitude is about half of the equator's
    public void Short_distances_match_the_known_length_of_a_degree(double lon, double lat, double dLon, double dLat, double expectedM)
    {
        var distanceM = Geodesy.LocalDistanceM(new GeoPoint(lon, lat), new GeoPoint(lon + dLon, lat + dLat));

        Assert.Equal(expectedM, distanceM, tolerance: 0.01);
    }

    [Fact]
    public void Distance_is_short_across_the_antimeridian()
    {
        var distanceM = Geodesy.LocalDistanceM(new GeoPoint(179.99999, 0), new GeoPoint(-179.99999, 0));

        Assert.Equal(2.2264, distanceM, tolerance: 0.001);
    }

    [Theory]
    [InlineData(5.0, 0.0)]
    [InlineData(0.0, -7.5)]
    [InlineData(-3.0, 4.0)]
    [InlineData(250.0, 900.0)]
    public void Offset_moves_the_asked_distance_in_the_asked_direction(double eastM, double northM)
    {
        var origin = new GeoPoint(-68.704, -33.042);

        var moved = Geodesy.Offset(origin, eastM, northM);

        Assert.Equal(Math.Sqrt(eastM * eastM + northM * northM), Geodesy.LocalDistanceM(origin, moved), 6);
        Assert.Equal(Math.Sign(eastM), Math.Sign(Math.Round(moved.Longitude - origin.Longitude, 12)));
        Assert.Equal(Math.Sign(northM), Math.Sign(Math.Round(moved.Latitude - origin.Latitude, 12)));
    }
}
