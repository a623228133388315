using Demeter.Cluster.Photos;
using Demeter.Inference.Imaging;

namespace Demeter.Api.Photos;

/// <summary>
/// Checks an upload before anything is stored: size, content sniffed from the bytes (never the client's
/// Content-Type), and a full decode, so a photo that is accepted can be processed.
/// </summary>
public sealed class PhotoIntake(PhotoProcessingSettings settings)
{
    public long MaxUploadBytes => settings.MaxUploadBytes;

    public IntakeResult Inspect(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return IntakeResult.Reject(StatusCodes.Status400BadRequest, "The uploaded file is empty.");
        }

        if (bytes.Length > settings.MaxUploadBytes)
        {
            return IntakeResult.Reject(StatusCodes.Status413PayloadTooLarge, $"The photo has {bytes.Length} bytes; the limit is {settings.MaxUploadBytes}.");
        }

        if (ImageFormatSniffer.Sniff(bytes) is not { } format)
        {
            return IntakeResult.Reject(StatusCodes.Status415UnsupportedMediaType, "The upload is not a JPEG, PNG or WebP image.");
        }

        try
        {
            using var decoded = PhotoDecoder.Decode(bytes, new PhotoDecoderOptions { MaxPixels = settings.MaxPixels });
            return IntakeResult.Accept(format, decoded.Width, decoded.Height, decoded.Gps);
        }
        catch (InvalidPhotoException ex)
        {
            return IntakeResult.Reject(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }
    }
}

/// <summary>What <see cref="PhotoIntake"/> found: an acceptable photo with its oriented size and GPS, or why not.</summary>
public sealed record IntakeResult(int Status, string? Error, ImageFormat Format, int WidthPx, int HeightPx, GpsCoordinate? Gps)
{
    public bool Accepted => Error is null;

    public string ContentType => Format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        _ => "image/webp",
    };

    public static IntakeResult Accept(ImageFormat format, int width, int height, GpsCoordinate? gps) => new(200, null, format, width, height, gps);

    public static IntakeResult Reject(int status, string error) => new(status, error, default, 0, 0, null);
}
