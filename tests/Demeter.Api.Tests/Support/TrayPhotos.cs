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

    /// <summary>A 1600×1200 JPEG with <see cref="Plants"/> plants, optionally with EXIF GPS at <paramref name="at"/>.</summary>
    public static byte[] Tray(int seed, GeoPoint? at = null, int plants = Plants) =>
        SyntheticTrayPhoto.Generate(Width, Height, plants, seed, plantDiameterPx: 70, gps: at is { } p ? new GpsCoordinate(p.Latitude, p.Longitude) : null).Jpeg;
}
