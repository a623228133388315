namespace Demeter.Domain.Layout;

/// <summary>
/// Sinusoidal projection on the WGS84 ellipsoid around a local origin: x = N(φ)·cos φ·Δλ, y = meridian arc
/// from φ0. Its Jacobian is M·N·cos φ, the ellipsoid's own area element, so it is exactly equal-area; the
/// only approximation left is treating polygon edges as straight in this plane, which for nursery-sized
/// polygons (under ~1 km) changes areas by less than 1e-6 relative (PostGIS geography uses geodesic edges;
/// at this size the two agree far below survey precision).
/// </summary>
internal readonly struct LocalEqualAreaProjection
{
    private readonly double _originLongitude;
    private readonly double _originLatitudeRad;

    public LocalEqualAreaProjection(GeoPoint origin)
    {
        _originLongitude = origin.Longitude;
        _originLatitudeRad = Geodesy.DegreesToRadians(origin.Latitude);
    }

    public (double X, double Y) Forward(GeoPoint point)
    {
        var latitude = Geodesy.DegreesToRadians(point.Latitude);
        var x = Geodesy.PrimeVerticalRadiusM(latitude) * Math.Cos(latitude) *
                Geodesy.DegreesToRadians(Geodesy.WrapLongitudeDelta(point.Longitude - _originLongitude));
        return (x, Geodesy.MeridianArcM(_originLatitudeRad, latitude));
    }

    public GeoPoint Inverse(double x, double y)
    {
        // Newton on the meridian arc: converges to machine precision in a few steps at these distances.
        var latitude = _originLatitudeRad;
        for (var i = 0; i < 4; i++)
            latitude += (y - Geodesy.MeridianArcM(_originLatitudeRad, latitude)) / Geodesy.MeridionalRadiusM(latitude);
        var longitudeDelta = x / (Geodesy.PrimeVerticalRadiusM(latitude) * Math.Cos(latitude));
        return new GeoPoint(
            Geodesy.WrapLongitudeDelta(_originLongitude + Geodesy.RadiansToDegrees(longitudeDelta)),
            Geodesy.RadiansToDegrees(latitude));
    }
}
