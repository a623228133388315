using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Demeter.Inference.Imaging;

/// <summary>
/// A photo's EXIF GPS position, or why there is none. <see cref="Problem"/> is set when the photo carries GPS
/// tags that cannot be used (unreadable, incomplete or out of range), so the session can say so instead of
/// silently treating the photo as one without a position.
/// </summary>
public readonly record struct GpsReading(GpsCoordinate? Position, string? Problem)
{
    public static readonly GpsReading None = new(null, null);
}

/// <summary>
/// Reads the GPS position of a JPEG, PNG or WebP from its EXIF, parsed by MetadataExtractor (untrusted bytes go
/// through a well-kept parser). The values are then read as cameras write them: each coordinate is three
/// rationals degrees/minutes/seconds, a zero denominator reads as 0 (some cameras write 0/0 for unknown
/// seconds), S and W are negative, and a missing reference defaults to N or E.
/// </summary>
public static class ExifGpsReader
{
    public static GpsReading Read(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return GpsReading.None;
        }

        var gps = directories.OfType<GpsDirectory>().FirstOrDefault();
        if (gps is null)
        {
            return directories.Any(d => d is ExifDirectoryBase && d.HasError && d.Errors.Any(e => e.Contains("GPS", StringComparison.OrdinalIgnoreCase)))
                ? new GpsReading(null, "the EXIF GPS block is unreadable")
                : GpsReading.None;
        }

        var latitude = Coordinate(gps, GpsDirectory.TagLatitude);
        var longitude = Coordinate(gps, GpsDirectory.TagLongitude);
        if (latitude is null && longitude is null)
        {
            return gps.HasError || gps.ContainsTag(GpsDirectory.TagLatitude) || gps.ContainsTag(GpsDirectory.TagLongitude)
                ? new GpsReading(null, "the EXIF GPS latitude and longitude are unreadable")
                : GpsReading.None;
        }

        if (latitude is not { } lat || longitude is not { } lon)
        {
            return new GpsReading(null, $"the EXIF GPS has a {(latitude is null ? "longitude" : "latitude")} but no usable {(latitude is null ? "latitude" : "longitude")}");
        }

        if (Reference(gps, GpsDirectory.TagLatitudeRef) is 'S')
        {
            lat = -lat;
        }

        if (Reference(gps, GpsDirectory.TagLongitudeRef) is 'W')
        {
            lon = -lon;
        }

        return Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180
            ? new GpsReading(new GpsCoordinate(lat, lon), null)
            : new GpsReading(null, $"the EXIF GPS position ({lat:0.######}, {lon:0.######}) is outside the earth's coordinates");
    }

    private static double? Coordinate(GpsDirectory gps, int tag)
    {
        if (gps.GetRationalArray(tag) is not { Length: >= 3 } parts)
        {
            return null;
        }

        double[] unit = [1, 60, 3600];
        var total = 0.0;
        for (var i = 0; i < 3; i++)
        {
            total += parts[i].Denominator == 0 ? 0 : parts[i].Numerator / (double)parts[i].Denominator / unit[i];
        }

        return double.IsFinite(total) ? total : null;
    }

    private static char? Reference(GpsDirectory gps, int tag) =>
        gps.GetString(tag)?.Trim('\0', ' ') is { Length: > 0 } text ? char.ToUpperInvariant(text[0]) : null;
}
