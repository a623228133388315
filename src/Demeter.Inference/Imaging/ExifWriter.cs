using System.Buffers.Binary;

namespace Demeter.Inference.Imaging;

/// <summary>
/// Puts an EXIF APP1 block with GPS, and optionally orientation and the capture time (DateTimeOriginal, with
/// OffsetTimeOriginal when an offset is given), into a JPEG, replacing any EXIF block it had. Used to make test
/// and demo photos (no EXIF library writes); coordinates are stored as deg/min/sec with 1e-4 s resolution
/// (≈ 3 mm), so reading them back agrees to far better than 1e-6°.
/// </summary>
public static class ExifWriter
{
    private const uint SecondDenominator = 10_000;

    public static byte[] Insert(
        byte[] jpeg, GpsCoordinate? gps, int? orientation = null, TiffByteOrder byteOrder = TiffByteOrder.LittleEndian, CaptureStamp? takenAt = null)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        if (gps is { } g && (!double.IsFinite(g.Latitude) || !double.IsFinite(g.Longitude) || Math.Abs(g.Latitude) > 90 || Math.Abs(g.Longitude) > 180))
        {
            throw new ArgumentOutOfRangeException(nameof(gps), gps, "Latitude must be within ±90° and longitude within ±180°.");
        }

        if (orientation is < 1 or > 8)
        {
            throw new ArgumentOutOfRangeException(nameof(orientation), orientation, "EXIF orientation is 1–8.");
        }

        var header = JpegSegments.Read(jpeg) ?? throw new InvalidPhotoException("Not a JPEG with a readable header; cannot add EXIF.");
        var app1 = BuildApp1(BuildTiff(gps, orientation, takenAt, byteOrder == TiffByteOrder.LittleEndian));

        // Keep JFIF APP0 first (its spec requires that), drop old EXIF blocks, keep everything else in order.
        var output = new MemoryStream(jpeg.Length + app1.Length);
        output.Write(jpeg, 0, 2);
        var segments = header.Segments;
        var leadingApp0 = segments.TakeWhile(s => s.Marker == JpegSegments.App0).ToList();
        foreach (var s in leadingApp0)
        {
            output.Write(jpeg, s.Offset, s.Length);
        }

        output.Write(app1);
        foreach (var s in segments.Skip(leadingApp0.Count).Where(s => !JpegSegments.IsExif(jpeg, s)))
        {
            output.Write(jpeg, s.Offset, s.Length);
        }

        output.Write(jpeg, header.ScanOffset, jpeg.Length - header.ScanOffset);
        return output.ToArray();
    }

    private static byte[] BuildApp1(byte[] tiff)
    {
        var payloadLength = JpegSegments.ExifHeader.Length + tiff.Length;
        var segment = new byte[4 + payloadLength];
        segment[0] = 0xFF;
        segment[1] = JpegSegments.App1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(payloadLength + 2)));
        JpegSegments.ExifHeader.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(4 + JpegSegments.ExifHeader.Length));
        return segment;
    }

    private static byte[] BuildTiff(GpsCoordinate? gps, int? orientation, CaptureStamp? takenAt, bool little)
    {
        var ifd0Entries = (orientation is null ? 0 : 1) + (gps is null ? 0 : 1) + (takenAt is null ? 0 : 1);
        const int ifd0Offset = 8;
        var exifIfdOffset = ifd0Offset + IfdSize(ifd0Entries);
        var exifEntries = takenAt is null ? 0 : takenAt.Offset is null ? 1 : 2;
        var dateOffset = exifIfdOffset + IfdSize(exifEntries);
        var offsetTextOffset = dateOffset + 20;
        var gpsIfdOffset = takenAt is null ? exifIfdOffset : offsetTextOffset + (takenAt.Offset is null ? 0 : 8);
        const int gpsEntries = 5;
        var latitudeOffset = gpsIfdOffset + IfdSize(gpsEntries);
        var longitudeOffset = latitudeOffset + 24;
        var size = gps is null ? gpsIfdOffset : longitudeOffset + 24;

        var w = new TiffWriter(size, little);
        w.Bytes(0, little ? "II"u8 : "MM"u8).U16(2, 42).U32(4, ifd0Offset);

        var entry = w.Ifd(ifd0Offset, ifd0Entries);
        if (orientation is { } o)
        {
            w.Entry(ref entry, ExifTags.Orientation, ExifTags.TypeShort, 1, (pos, tw) => tw.U16(pos, (ushort)o));
        }

        if (takenAt is { } t)
        {
            w.Entry(ref entry, ExifTags.ExifIfdPointer, ExifTags.TypeLong, 1, (pos, tw) => tw.U32(pos, (uint)exifIfdOffset));
            var exifEntry = w.Ifd(exifIfdOffset, exifEntries);
            w.Entry(ref exifEntry, ExifTags.DateTimeOriginal, ExifTags.TypeAscii, 20, (pos, tw) => tw.U32(pos, (uint)dateOffset));
            w.Bytes(dateOffset, System.Text.Encoding.ASCII.GetBytes(t.Local.ToString("yyyy:MM:dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + "\0"));
            if (t.Offset is { } offset)
            {
                var text = (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", System.Globalization.CultureInfo.InvariantCulture) + "\0";
                w.Entry(ref exifEntry, ExifTags.OffsetTimeOriginal, ExifTags.TypeAscii, 7, (pos, tw) => tw.U32(pos, (uint)offsetTextOffset));
                w.Bytes(offsetTextOffset, System.Text.Encoding.ASCII.GetBytes(text));
            }
        }

        if (gps is { } g)
        {
            w.Entry(ref entry, ExifTags.GpsIfdPointer, ExifTags.TypeLong, 1, (pos, tw) => tw.U32(pos, (uint)gpsIfdOffset));

            var gpsEntry = w.Ifd(gpsIfdOffset, gpsEntries);
            w.Entry(ref gpsEntry, ExifTags.GpsVersionId, ExifTags.TypeByte, 4, (pos, tw) => tw.Bytes(pos, [2, 2, 0, 0]));
            w.Entry(ref gpsEntry, ExifTags.GpsLatitudeRef, ExifTags.TypeAscii, 2, (pos, tw) => tw.Bytes(pos, [(byte)(g.Latitude < 0 ? 'S' : 'N'), 0]));
            w.Entry(ref gpsEntry, ExifTags.GpsLatitude, ExifTags.TypeRational, 3, (pos, tw) => tw.U32(pos, (uint)latitudeOffset));
            w.Entry(ref gpsEntry, ExifTags.GpsLongitudeRef, ExifTags.TypeAscii, 2, (pos, tw) => tw.Bytes(pos, [(byte)(g.Longitude < 0 ? 'W' : 'E'), 0]));
            w.Entry(ref gpsEntry, ExifTags.GpsLongitude, ExifTags.TypeRational, 3, (pos, tw) => tw.U32(pos, (uint)longitudeOffset));
            WriteDegrees(w, latitudeOffset, g.Latitude);
            WriteDegrees(w, longitudeOffset, g.Longitude);
        }

        return w.ToArray();
    }

    private static int IfdSize(int entries) => 2 + (12 * entries) + 4;

    private static void WriteDegrees(TiffWriter w, int offset, double decimalDegrees)
    {
        // Whole ticks of 1e-4 arc-second split into d/m/s exactly, so no carry can produce 60 seconds.
        var ticks = (long)Math.Round(Math.Abs(decimalDegrees) * 3600 * SecondDenominator);
        var perDegree = 3600 * SecondDenominator;
        var perMinute = 60 * SecondDenominator;
        var degrees = ticks / perDegree;
        var minutes = ticks % perDegree / perMinute;
        var secondTicks = ticks % perMinute;
        w.U32(offset, (uint)degrees).U32(offset + 4, 1)
            .U32(offset + 8, (uint)minutes).U32(offset + 12, 1)
            .U32(offset + 16, (uint)secondTicks).U32(offset + 20, SecondDenominator);
    }
}

/// <summary>A capture time as a camera writes it: the local wall-clock time, and its UTC offset when the camera records one.</summary>
public sealed record CaptureStamp(DateTime Local, TimeSpan? Offset = null);
