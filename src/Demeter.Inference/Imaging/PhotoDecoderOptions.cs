namespace Demeter.Inference.Imaging;

/// <summary>Limits applied while decoding an uploaded photo.</summary>
public sealed record PhotoDecoderOptions
{
    /// <summary>
    /// Largest accepted width × height of the stored image. 12 MP is typical; the default leaves room for
    /// 50 MP cameras while refusing decompression bombs that would need gigabytes of pixels.
    /// </summary>
    public long MaxPixels { get; init; } = 64_000_000;
}
