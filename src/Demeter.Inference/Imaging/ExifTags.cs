namespace Demeter.Inference.Imaging;

/// <summary>EXIF/TIFF tag numbers and field types the EXIF writer uses (synthetic photos carry GPS and orientation).</summary>
internal static class ExifTags
{
    public const ushort Orientation = 0x0112;
    public const ushort GpsIfdPointer = 0x8825; // 34853
    public const ushort ExifIfdPointer = 0x8769;
    public const ushort DateTimeOriginal = 0x9003;
    public const ushort OffsetTimeOriginal = 0x9011;
    public const ushort GpsVersionId = 0;
    public const ushort GpsLatitudeRef = 1;
    public const ushort GpsLatitude = 2;
    public const ushort GpsLongitudeRef = 3;
    public const ushort GpsLongitude = 4;

    public const ushort TypeByte = 1;
    public const ushort TypeAscii = 2;
    public const ushort TypeShort = 3;
    public const ushort TypeLong = 4;
    public const ushort TypeRational = 5;
    public const ushort TypeIfd = 13;
}
