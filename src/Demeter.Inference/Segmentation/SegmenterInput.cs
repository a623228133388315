using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>Prepares the downscaled copy of a photo a segmenter is given.</summary>
public static class SegmenterInput
{
    /// <summary>
    /// The photo with its longer side at most <paramref name="longSidePx"/>, area-averaged (mipmaps) so fine texture
    /// does not alias; a new bitmap the caller owns, also when no scaling was needed.
    /// </summary>
    public static SKBitmap Downscale(SKBitmap photo, int longSidePx)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var scale = Math.Min(1.0, longSidePx / (double)Math.Max(photo.Width, photo.Height));
        var width = Math.Max(1, (int)Math.Round(photo.Width * scale));
        var height = Math.Max(1, (int)Math.Round(photo.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        return photo.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("Could not downscale the photo for segmentation.");
    }
}
