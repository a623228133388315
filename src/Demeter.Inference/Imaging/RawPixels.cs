using System.Buffers.Binary;
using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// A rectangle of a 32-bit bitmap as its raw pixels (a 12-byte header: width, height, colour type; then the rows), for a
/// tile that has to cross to another node. Lossless, so a remote detector sees the pixels a local one would; and
/// copying rows costs far less than compressing them (a 640 px tile is 1.6 MB, which a LAN or loopback carries in
/// about the time PNG takes to encode it).
/// </summary>
public static class RawPixels
{
    private const int HeaderBytes = 12;

    /// <summary>The most pixels <see cref="Decode"/> accepts: a 4096 × 4096 region (64 MiB of pixels).</summary>
    public const long MaxPixels = 4096L * 4096;

    /// <param name="source">A 32-bit bitmap.</param>
    /// <param name="rect">The region to copy.</param>
    /// <param name="leadingBytes">Room left before the encoding (for a message's other fields), so it is copied once.</param>
    public static byte[] Encode(SKBitmap source, PixelRect rect, int leadingBytes = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(leadingBytes);
        ArgumentNullException.ThrowIfNull(source);
        if (source.BytesPerPixel != 4)
        {
            throw new ArgumentException($"Expected a 32-bit bitmap, got {source.ColorType}.", nameof(source));
        }

        if (rect.Width < 1 || rect.Height < 1 || rect.X < 0 || rect.Y < 0 || rect.Right > source.Width || rect.Bottom > source.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(rect), rect, $"The region must lie inside the {source.Width}×{source.Height} image.");
        }

        var rowBytes = rect.Width * 4;
        var bytes = new byte[leadingBytes + HeaderBytes + (rowBytes * rect.Height)];
        var encoded = bytes.AsSpan(leadingBytes);
        BinaryPrimitives.WriteInt32LittleEndian(encoded, rect.Width);
        BinaryPrimitives.WriteInt32LittleEndian(encoded[4..], rect.Height);
        BinaryPrimitives.WriteInt32LittleEndian(encoded[8..], (int)source.ColorType);
        var pixels = source.GetPixelSpan();
        for (var y = 0; y < rect.Height; y++)
        {
            pixels.Slice(((rect.Y + y) * source.RowBytes) + (rect.X * 4), rowBytes).CopyTo(encoded[(HeaderBytes + (y * rowBytes))..]);
        }

        return bytes;
    }

    /// <summary>A new bitmap (premultiplied alpha, as decoded photos are) with the encoded pixels.</summary>
    /// <exception cref="InvalidPhotoException">The bytes are not what <see cref="Encode"/> writes.</exception>
    public static SKBitmap Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderBytes)
        {
            throw new InvalidPhotoException("Raw pixels need a 12-byte header.");
        }

        var width = BinaryPrimitives.ReadInt32LittleEndian(bytes);
        var height = BinaryPrimitives.ReadInt32LittleEndian(bytes[4..]);
        var colorType = (SKColorType)BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (width < 1 || height < 1 || (long)width * height > MaxPixels || colorType is not (SKColorType.Rgba8888 or SKColorType.Bgra8888)
            || bytes.Length != HeaderBytes + (4L * width * height))
        {
            throw new InvalidPhotoException($"Raw pixels of {bytes.Length} bytes do not hold a {width}×{height} {colorType} image.");
        }

        var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, SKAlphaType.Premul));
        var target = bitmap.GetPixelSpan();
        var rowBytes = width * 4;
        for (var y = 0; y < height; y++)
        {
            bytes.Slice(HeaderBytes + (y * rowBytes), rowBytes).CopyTo(target.Slice(y * bitmap.RowBytes, rowBytes));
        }

        return bitmap;
    }
}
