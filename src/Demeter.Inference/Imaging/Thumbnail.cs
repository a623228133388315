using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// A small JPEG of an upright photo for galleries and lists: the longer side scaled to at most
/// <see cref="MaxSidePx"/>, transparency flattened on white, quality 85. Skia offers no Lanczos filter; the Mitchell
/// cubic it has is as sharp at this reduction without Lanczos's ringing.
/// </summary>
public static class Thumbnail
{
    public const int MaxSidePx = 300;

    public static byte[] Encode(SKBitmap upright, int maxSidePx = MaxSidePx, int quality = 85)
    {
        ArgumentNullException.ThrowIfNull(upright);
        var scale = Math.Min(1.0, maxSidePx / (double)Math.Max(upright.Width, upright.Height));
        var width = Math.Max(1, (int)Math.Round(upright.Width * scale));
        var height = Math.Max(1, (int)Math.Round(upright.Height * scale));
        using var small = upright.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKCubicResampler.Mitchell))
            ?? throw new InvalidOperationException($"Could not scale a {upright.Width}×{upright.Height} photo to {width}×{height}.");
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException("Could not create a drawing surface for the thumbnail.");
        surface.Canvas.Clear(SKColors.White);
        using (var scaled = SKImage.FromBitmap(small))
        {
            surface.Canvas.DrawImage(scaled, 0, 0, SKSamplingOptions.Default);
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
