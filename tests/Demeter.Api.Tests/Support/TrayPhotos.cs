using Demeter.Domain.Layout;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;

namespace Demeter.Api.Tests.Support;

/// <summary>Synthetic tray photos with a known plant count (the same seed gives the same bytes).</summary>
public static class TrayPhotos
{
    public const int Width = 1600;
    public const int Height = 1200;
    public const int Plants = 40;
    public const int SmallWidth = 400;
    public const int SmallHeight = 300;

    /// <summary>A 1600×1200 JPEG with <see cref="Plants"/> plants, optionally with EXIF GPS at <paramref name="at"/>.</summary>
    public static byte[] Tray(int seed, GeoPoint? at = null, int plants = Plants) =>
        SyntheticTrayPhoto.Generate(Width, Height, plants, seed, plantDiameterPx: 70, gps: Gps(at)).Jpeg;

    /// <summary>A 400×300 JPEG (one tile, processed in a blink) for tests about everything but the count.</summary>
    public static byte[] Small(int seed, GeoPoint? at = null) =>
        SyntheticTrayPhoto.Generate(SmallWidth, SmallHeight, 4, seed, plantDiameterPx: 40, gps: Gps(at)).Jpeg;

    /// <summary>A small JPEG whose EXIF GPS latitude reads 95.5° (written as 10.5°, then its degrees patched to 95).</summary>
    public static byte[] WithGpsOffTheEarth(int seed)
    {
        var plain = SyntheticTrayPhoto.Generate(SmallWidth, SmallHeight, 4, seed, plantDiameterPx: 40).Jpeg;
        var jpeg = ExifWriter.Insert(plain, new GpsCoordinate(10.5, 20), orientation: null, TiffByteOrder.BigEndian);

        // Big-endian TIFF without orientation: header 8 + IFD0 18 + GPS IFD 66, so the latitude rationals start at 92.
        var tiff = jpeg.AsSpan().IndexOf("Exif\0\0"u8) + 6;
        jpeg[tiff + 92 + 3] = 95;
        return jpeg;
    }

    private static GpsCoordinate? Gps(GeoPoint? at) => at is { } p ? new GpsCoordinate(p.Latitude, p.Longitude) : null;
}
