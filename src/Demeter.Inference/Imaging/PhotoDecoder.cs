using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>Decodes an uploaded JPEG/PNG/WebP photo into an upright RGBA bitmap plus its EXIF GPS position.</summary>
public static class PhotoDecoder
{
    /// <exception cref="InvalidPhotoException">Unknown format, corrupt or truncated data, or more pixels than allowed.</exception>
    public static DecodedPhoto Decode(byte[] data, PhotoDecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var limits = options ?? new PhotoDecoderOptions();
        using var skData = SKData.CreateCopy(data);
        using var codec = PhotoHeader.Open(skData, out var format);
        var header = PhotoHeader.Of(codec, format);
        if (header.Pixels > limits.MaxPixels)
        {
            throw new InvalidPhotoException($"The image is {header.Width}×{header.Height} pixels, more than the {limits.MaxPixels:N0} allowed.");
        }

        var bitmap = DecodePixels(codec, format);
        var oriented = EncodedOriginTransform.Apply(bitmap, codec.EncodedOrigin);
        if (oriented is not null)
        {
            bitmap.Dispose();
            bitmap = oriented;
        }

        var gps = ExifGpsReader.Read(data);
        return new DecodedPhoto(bitmap, format, codec.EncodedOrigin, gps);
    }

    private static SKBitmap DecodePixels(SKCodec codec, ImageFormat format)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var bitmap = new SKBitmap(info);
        try
        {
            var result = codec.GetPixels(info, bitmap.GetPixels());

            // IncompleteInput means a truncated file: Skia fills the rest with grey, which would be counted as an
            // empty area, so it is refused like any other failure.
            if (result != SKCodecResult.Success)
            {
                throw new InvalidPhotoException($"The {format} data is corrupt or truncated: decoding stopped with '{result}'.");
            }

            return bitmap;
        }
        catch
        {
            bitmap.Dispose();
            throw;
        }
    }
}
