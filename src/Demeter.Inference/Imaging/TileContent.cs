using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// Whether a tile is worth a detector run. A tile that is almost all black (under 2 % of its pixels brighter than
/// black: the masked-out surroundings of a container, or the dark margin of a photo) holds no plant, so it is
/// skipped. "Black" allows for JPEG noise: a pixel counts as content when any channel exceeds 10 of 255.
/// </summary>
public static class TileContent
{
    public const double MinContentFraction = 0.02;
    private const byte BlackLevel = 10;

    /// <summary>The share of the tile's pixels that are not black, read on every second pixel of every second row.</summary>
    public static double ContentFraction(SKBitmap bitmap, PixelRect tile)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        if (bitmap.ColorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888))
        {
            throw new ArgumentException($"Expected a 32-bit RGBA/BGRA bitmap, got {bitmap.ColorType}.", nameof(bitmap));
        }

        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        long seen = 0, content = 0;
        for (var y = tile.Y; y < tile.Bottom; y += 2)
        {
            var row = pixels.Slice(y * rowBytes, rowBytes);
            for (var x = tile.X; x < tile.Right; x += 2)
            {
                var p = row.Slice(x * 4, 4);
                seen++;
                if (p[0] > BlackLevel || p[1] > BlackLevel || p[2] > BlackLevel)
                {
                    content++;
                }
            }
        }

        return seen == 0 ? 0 : content / (double)seen;
    }

    public static bool IsWorthDetecting(SKBitmap bitmap, PixelRect tile) => ContentFraction(bitmap, tile) >= MinContentFraction;
}
