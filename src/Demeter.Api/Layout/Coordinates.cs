using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Demeter.Api.Layout;

/// <summary>Parses and range-checks a WGS84 latitude/longitude pair given as text.</summary>
public static class Coordinates
{
    public static bool TryParse(string? lat, string? lon, out double latitude, out double longitude, [NotNullWhen(false)] out string? error)
    {
        latitude = longitude = double.NaN;
        if (string.IsNullOrWhiteSpace(lat) || string.IsNullOrWhiteSpace(lon))
        {
            error = "Both latitude and longitude are required.";
            return false;
        }

        if (!double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out latitude) || !double.IsFinite(latitude) || latitude is < -90 or > 90)
        {
            error = $"latitude '{lat}' is not a latitude in [-90, 90].";
            return false;
        }

        if (!double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out longitude) || !double.IsFinite(longitude) || longitude is < -180 or > 180)
        {
            error = $"longitude '{lon}' is not a longitude in [-180, 180].";
            return false;
        }

        error = null;
        return true;
    }
}
