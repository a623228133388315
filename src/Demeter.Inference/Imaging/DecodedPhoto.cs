using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// An upright (EXIF-oriented) photo in RGBA8888. All pixel coordinates downstream refer to this frame
/// (ML_PIPELINE §2 build note). Owns <see cref="Bitmap"/>.
/// </summary>
public sealed class DecodedPhoto(SKBitmap bitmap, ImageFormat format, SKEncodedOrigin storedOrigin, GpsReading gps) : IDisposable
{
    public SKBitmap Bitmap { get; } = bitmap;

    public int Width => Bitmap.Width;

    public int Height => Bitmap.Height;

    public ImageFormat Format { get; } = format;

    /// <summary>The EXIF orientation found in the file (already applied to <see cref="Bitmap"/>).</summary>
    public SKEncodedOrigin StoredOrigin { get; } = storedOrigin;

    /// <summary>EXIF GPS position, when the photo is a JPEG that carries a readable one.</summary>
    public GpsCoordinate? Gps { get; } = gps.Position;

    /// <summary>Why the photo's EXIF GPS could not be used, when it has GPS tags that are unusable.</summary>
    public string? GpsProblem { get; } = gps.Problem;

    public void Dispose() => Bitmap.Dispose();
}
