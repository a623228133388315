using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>A small JPEG of an upright photo for galleries and lists: the longer side scaled to at most <see cref="MaxSidePx"/>.</summary>
public static class Thumbnail
{
    public const int MaxSidePx = 300;

    public static byte[] Encode(SKBitmap upright, int maxSidePx = MaxSidePx, int quality = 80)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var scale = Math.Min(1.0, maxSidePx / (double)Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var small = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException($"Could not scale a {upright.Width}×{upright.Height} photo to {width}×{height}.");
        using var image = SKImage.FromBitmap(small);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
