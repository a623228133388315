using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>Decodes an uploaded JPEG/PNG/WebP photo into an upright RGBA bitmap plus its EXIF GPS position.</summary>
public static class PhotoDecoder
{
    /// <exception cref="InvalidPhotoException">Unknown format, corrupt or truncated data, or more pixels than allowed.</exception>
    public static DecodedPhoto Decode(byte[] data, PhotoDecoderOptions? options = null) => Decode(data, options, codec => codec.Info.Size);

    /// <summary>
    /// Decodes at the smallest scale the format's decoder offers (a JPEG's DCT scaling: 1/2, 1/4, 1/8) whose longer side
    /// is still at least <paramref name="minLongSidePx"/>, upright: every byte of the file is still decoded, so a
    /// corrupt or truncated photo is refused as by <see cref="Decode(byte[], PhotoDecoderOptions?)"/>, at a third of the
    /// cost of a 12 MP decode. For checking an upload and making its thumbnail; counting decodes the photo in full.
    /// </summary>
    /// <exception cref="InvalidPhotoException">Unknown format, corrupt or truncated data, or more pixels than allowed.</exception>
    public static DecodedPhoto DecodeReduced(byte[] data, int minLongSidePx, PhotoDecoderOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minLongSidePx, 1);
        return Decode(data, options, codec =>
        {
            foreach (var scale in new[] { 0.125f, 0.25f, 0.5f })
            {
                var scaled = codec.GetScaledDimensions(scale);
                if (Math.Max(scaled.Width, scaled.Height) >= minLongSidePx && scaled.Width < codec.Info.Width)
                {
                    return scaled;
                }
            }

            return codec.Info.Size;
        });
    }

    private static DecodedPhoto Decode(byte[] data, PhotoDecoderOptions? options, Func<SKCodec, SKSizeI> size)
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

        var bitmap = DecodePixels(codec, format, size(codec));
        var oriented = EncodedOriginTransform.Apply(bitmap, codec.EncodedOrigin);
        if (oriented is not null)
        {
            bitmap.Dispose();
            bitmap = oriented;
        }

        return new DecodedPhoto(bitmap, format, codec.EncodedOrigin, ExifGpsReader.Read(data));
    }

    private static SKBitmap DecodePixels(SKCodec codec, ImageFormat format, SKSizeI size)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
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
