using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>
/// What a photo's header declares, read without decoding a pixel: the sniffed format and the upright size (EXIF
/// orientation applied). Limits on pixels and work are checked against it before anything is decoded.
/// </summary>
public sealed record PhotoHeader(ImageFormat Format, int Width, int Height, SKEncodedOrigin Origin)
{
    public long Pixels => (long)Width * Height;

    /// <summary>The longer side over the shorter one.</summary>
    public double AspectRatio => Math.Max(Width, Height) / (double)Math.Min(Width, Height);

    /// <exception cref="InvalidPhotoException">Not a JPEG, PNG or WebP, or a header that cannot be parsed.</exception>
    public static PhotoHeader Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var skData = SKData.CreateCopy(data);
        using var codec = Open(skData, out var format);
        return Of(codec, format);
    }

    internal static SKCodec Open(SKData data, out ImageFormat format)
    {
        format = ImageFormatSniffer.Sniff(data.AsSpan())
            ?? throw new InvalidPhotoException("Not a JPEG, PNG or WebP image: the file signature is not recognised.");
        return SKCodec.Create(data) ?? throw new InvalidPhotoException($"The {format} data is corrupt: its header cannot be parsed.");
    }

    internal static PhotoHeader Of(SKCodec codec, ImageFormat format)
    {
        var stored = codec.Info;
        if (stored.Width < 1 || stored.Height < 1)
        {
            throw new InvalidPhotoException($"The {format} image declares an empty size {stored.Width}×{stored.Height}.");
        }

        var swap = EncodedOriginTransform.SwapsAxes(codec.EncodedOrigin);
        return new PhotoHeader(format, swap ? stored.Height : stored.Width, swap ? stored.Width : stored.Height, codec.EncodedOrigin);
    }
}
