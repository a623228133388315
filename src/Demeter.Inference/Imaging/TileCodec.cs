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

    /// <summary>Decodes a tile produced by <see cref="EncodePng"/> (no EXIF, so no re-orientation).</summary>
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
