namespace Demeter.Inference.Imaging;

/// <summary>
/// Reads the GPS position from a JPEG's EXIF (APP1) block: IFD0 → GPS IFD (tag 34853) → sub-tags 1–4, as
/// ML_PIPELINE §2: each coordinate is three rationals deg/min/sec (denominator 0 reads as 0), S and W are
/// negative, missing references default to N and E, and any parse failure means "no GPS".
/// </summary>
public static class ExifGpsReader
{
    public static GpsCoordinate? Read(ReadOnlySpan<byte> jpeg)
    {
        var header = JpegSegments.Read(jpeg);
        if (header is null)
        {
            return null;
        }

        foreach (var segment in header.Value.Segments)
        {
            if (JpegSegments.IsExif(jpeg, segment))
            {
                var tiff = jpeg.Slice(segment.PayloadOffset + JpegSegments.ExifHeader.Length, segment.PayloadLength - JpegSegments.ExifHeader.Length);
                return ReadTiff(tiff);
            }
        }

        return null;
    }

    /// <summary>GPS from a bare TIFF block (the EXIF payload after "Exif\0\0").</summary>
    public static GpsCoordinate? ReadTiff(ReadOnlySpan<byte> tiff)
    {
        if (!TiffView.TryOpen(tiff, out var view, out var ifd0)
            || !view.TryFindEntry(ifd0, ExifTags.GpsIfdPointer, out var pointerType, out _, out var pointerAt)
            || pointerType is not (ExifTags.TypeLong or ExifTags.TypeIfd)
            || !view.TryU32(pointerAt, out var gpsIfd))
        {
            return null;
        }

        var latitude = Coordinate(view, gpsIfd, ExifTags.GpsLatitude);
        var longitude = Coordinate(view, gpsIfd, ExifTags.GpsLongitude);
        if (latitude is not { } lat || longitude is not { } lon)
        {
            return null;
        }

        if (Reference(view, gpsIfd, ExifTags.GpsLatitudeRef) is 'S' or 's')
        {
            lat = -lat;
        }

        if (Reference(view, gpsIfd, ExifTags.GpsLongitudeRef) is 'W' or 'w')
        {
            lon = -lon;
        }

        return Math.Abs(lat) <= 90 && Math.Abs(lon) <= 180 ? new GpsCoordinate(lat, lon) : null;
    }

    private static double? Coordinate(TiffView view, uint gpsIfd, ushort tag)
    {
        if (!view.TryFindEntry(gpsIfd, tag, out var type, out var count, out var at) || type != ExifTags.TypeRational || count < 3)
        {
            return null;
        }

        var total = 0.0;
        double[] unit = [1, 60, 3600];
        for (var i = 0; i < 3; i++)
        {
            if (!view.TryU32(at + (8 * i), out var numerator) || !view.TryU32(at + (8 * i) + 4, out var denominator))
            {
                return null;
            }

            total += denominator == 0 ? 0 : numerator / (double)denominator / unit[i];
        }

        return total;
    }

    private static char? Reference(TiffView view, uint gpsIfd, ushort tag) =>
        view.TryFindEntry(gpsIfd, tag, out var type, out var count, out var at) && type == ExifTags.TypeAscii && count >= 1
            && view.TryByte(at, out var first)
            ? (char)first
            : null;
}
