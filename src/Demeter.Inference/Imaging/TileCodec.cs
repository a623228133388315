using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// Lossless tile transport: a rectangle of a photo as PNG bytes (for sending a tile to another node) and back.
/// PNG keeps detection on the receiving node identical to detection on the sender.
/// </summary>
public static class TileCodec
{
    public static byte[] EncodePng(SKBitmap source, PixelRect rect)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (rect.Width < 1 || rect.Height < 1 || rect.X < 0 || rect.Y < 0 || rect.Right > source.Width || rect.Bottom > source.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"Tile must lie inside the {source.Width}×{source.Height} image.");
        }

        using var tile = new SKBitmap(new SKImageInfo(rect.Width, rect.Height, source.ColorType, source.AlphaType));
        if (!source.ExtractSubset(tile, new SKRectI(rect.X, rect.Y, rect.Right, rect.Bottom)))
        {
            throw new InvalidOperationException($"Could not extract {rect} from the image.");
        }

        // Fast deflate: a tile lives for one hop, so encode time matters more than a few hundred kilobytes.
        using var pixmap = tile.PeekPixels();
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 1))
            ?? throw new InvalidOperationException("PNG encoding failed.");
        return data.ToArray();
    }

    /// <summary>
    /// A rectangle of a photo as PNG, area-averaged down so its longer side is at most <paramref name="maxSidePx"/>, and
    /// the scale applied (1 when it already fits): a detector letterboxes a large crop to its input anyway, so sending
    /// more pixels would only cost frame size. Coordinates found on the result are divided by the scale.
    /// </summary>
    public static (byte[] Png, double Scale) EncodePng(SKBitmap source, PixelRect rect, int maxSidePx)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSidePx, 1);
        if (Math.Max(rect.Width, rect.Height) <= maxSidePx)
        {
            return (EncodePng(source, rect), 1);
        }

        using var crop = new SKBitmap(new SKImageInfo(rect.Width, rect.Height, source.ColorType, source.AlphaType));
        if (rect.X < 0 || rect.Y < 0 || rect.Right > source.Width || rect.Bottom > source.Height
            || !source.ExtractSubset(crop, new SKRectI(rect.X, rect.Y, rect.Right, rect.Bottom)))
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"Region must lie inside the {source.Width}×{source.Height} image.");
        }

        var scale = maxSidePx / (double)Math.Max(rect.Width, rect.Height);
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(rect.Width * scale)), Math.Max(1, (int)Math.Round(rect.Height * scale)), source.ColorType, source.AlphaType);
        using var small = crop.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new InvalidOperationException("Could not downscale the region.");
        return (EncodePng(small, new PixelRect(0, 0, small.Width, small.Height)), small.Width / (double)rect.Width);
    }

    /// <summary>Decodes a tile produced by <see cref="EncodePng(SKBitmap, PixelRect)"/> (no EXIF, so no re-orientation).</summary>
    /// <exception cref="InvalidPhotoException">The bytes are not a decodable PNG.</exception>
    public static SKBitmap DecodePng(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        if (ImageFormatSniffer.Sniff(png) != ImageFormat.Png)
        {
            throw new InvalidPhotoException("A tile must be PNG data.");
        }

        using var decoded = PhotoDecoder.Decode(png);
        return decoded.Bitmap.Copy() ?? throw new InvalidOperationException("Could not copy the decoded tile.");
    }
}
