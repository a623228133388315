using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>Copies a rectangle of a bitmap out, area-averaged (mipmaps) down so its longer side fits a bound.</summary>
public static class RegionScaler
{
    /// <summary>The region as a new bitmap with its longer side at most <paramref name="maxSidePx"/>, and the scale applied (1 when it already fits).</summary>
    public static (SKBitmap Bitmap, double Scale) Downscale(SKBitmap source, PixelRect rect, int maxSidePx)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSidePx, 1);
        using var crop = new SKBitmap(new SKImageInfo(rect.Width, rect.Height, source.ColorType, source.AlphaType));
        if (rect.Width < 1 || rect.Height < 1 || rect.X < 0 || rect.Y < 0 || rect.Right > source.Width || rect.Bottom > source.Height
            || !source.ExtractSubset(crop, new SKRectI(rect.X, rect.Y, rect.Right, rect.Bottom)))
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"Region must lie inside the {source.Width}×{source.Height} image.");
        }

        if (Math.Max(rect.Width, rect.Height) <= maxSidePx)
        {
            return (crop.Copy() ?? throw new InvalidOperationException("Could not copy the region."), 1);
        }

        var scale = maxSidePx / (double)Math.Max(rect.Width, rect.Height);
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(rect.Width * scale)), Math.Max(1, (int)Math.Round(rect.Height * scale)), source.ColorType, source.AlphaType);
        var small = crop.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("Could not downscale the region.");
        return (small, small.Width / (double)rect.Width);
    }
}
