namespace Demeter.Inference.Imaging;

/// <summary>Photo encodings accepted at intake (ML_PIPELINE §2).</summary>
public enum ImageFormat
{
    Jpeg,
    Png,
    Webp,
}
