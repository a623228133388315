namespace Demeter.Domain.Layout;

/// <summary>
/// WGS84 ellipsoid radii and the short-range metric conversions the layout needs. A nursery spans a
/// few hundred metres, so local formulas on the ellipsoid are exact to well under a millimetre there;
/// they are not meant for distances beyond a few kilometres.
/// </summary>
public static class Geodesy
{
    public const double SemiMajorAxisM = 6378137.0;
    public const double Flattening = 1 / 298.257223563;

    private static readonly double EccentricitySquared = Flattening * (2 - Flattening);

    public static bool IsValidCoordinate(double latitude, double longitude) =>
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for NaN, infinities and values outside WGS84.</summary>
    public static void RequireValidCoordinate(double latitude, double longitude)
    {
        // The pattern tests are false for NaN, so NaN is rejected too.
        if (latitude is not (>= -90 and <= 90))
            throw new ArgumentOutOfRangeException(nameof(latitude), latitude, "Latitude must be within [-90, 90] degrees.");
        if (longitude is not (>= -180 and <= 180))
            throw new ArgumentOutOfRangeException(nameof(longitude), longitude, "Longitude must be within [-180, 180] degrees.");
    }

    /// <summary>
    /// Distance in metres between two nearby points on the WGS84 ellipsoid, using the radii of curvature at
    /// the mean latitude. Relative error is about 1e-7 at 1 km; use it for metre-scale questions only.
    /// </summary>
    public static double LocalDistanceM(GeoPoint a, GeoPoint b)
    {
        var meanLatitude = DegreesToRadians((a.Latitude + b.Latitude) / 2);
        var northM = MeridionalRadiusM(meanLatitude) * DegreesToRadians(b.Latitude - a.Latitude);
        var eastM = PrimeVerticalRadiusM(meanLatitude) * Math.Cos(meanLatitude) *
                    DegreesToRadians(WrapLongitudeDelta(b.Longitude - a.Longitude));
        return Math.Sqrt(northM * northM + eastM * eastM);
    }

    /// <summary>The point <paramref name="eastM"/> metres east and <paramref name="northM"/> metres north of
    /// <paramref name="origin"/>; the inverse of <see cref="LocalDistanceM"/> for short offsets.</summary>
    public static GeoPoint Offset(GeoPoint origin, double eastM, double northM)
    {
        var latitude0 = DegreesToRadians(origin.Latitude);
        var latitude = latitude0;
        // The radii depend on the mean latitude, which depends on the answer: a few fixed-point rounds converge.
        for (var i = 0; i < 4; i++)
            latitude = latitude0 + northM / MeridionalRadiusM((latitude0 + latitude) / 2);
        var meanLatitude = (latitude0 + latitude) / 2;
        var longitudeDelta = eastM / (PrimeVerticalRadiusM(meanLatitude) * Math.Cos(meanLatitude));
        return new GeoPoint(
            WrapLongitudeDelta(origin.Longitude + RadiansToDegrees(longitudeDelta)),
            RadiansToDegrees(latitude));
    }

    /// <summary>Radius of curvature along the meridian (north-south), metres.</summary>
    internal static double MeridionalRadiusM(double latitudeRad)
    {
        var w = 1 - EccentricitySquared * Math.Sin(latitudeRad) * Math.Sin(latitudeRad);
        return SemiMajorAxisM * (1 - EccentricitySquared) / (w * Math.Sqrt(w));
    }

    /// <summary>Radius of curvature in the prime vertical (east-west, before the cos(latitude) factor), metres.</summary>
    internal static double PrimeVerticalRadiusM(double latitudeRad) =>
        SemiMajorAxisM / Math.Sqrt(1 - EccentricitySquared * Math.Sin(latitudeRad) * Math.Sin(latitudeRad));

    /// <summary>Meridian arc length from one latitude to another (Simpson's rule; exact to ~1e-12 over kilometres).</summary>
    internal static double MeridianArcM(double fromLatitudeRad, double toLatitudeRad) =>
        (toLatitudeRad - fromLatitudeRad) / 6 *
        (MeridionalRadiusM(fromLatitudeRad) + 4 * MeridionalRadiusM((fromLatitudeRad + toLatitudeRad) / 2) +
         MeridionalRadiusM(toLatitudeRad));

    /// <summary>Brings a longitude (or a difference of longitudes) into [-180, 180] so the antimeridian is no edge.</summary>
    internal static double WrapLongitudeDelta(double degrees)
    {
        var wrapped = Math.IEEERemainder(degrees, 360);
        return wrapped == -180 && degrees > 0 ? 180 : wrapped;
    }

    internal static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;

    internal static double RadiansToDegrees(double radians) => radians * 180 / Math.PI;
}
