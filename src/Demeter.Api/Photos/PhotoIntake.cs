using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;

namespace Demeter.Api.Photos;

/// <summary>
/// Checks an upload before anything is stored: size, content sniffed from the bytes (never the client's
/// Content-Type), the header's size against the pixel, aspect-ratio and tile limits (before a pixel is decoded),
/// and a full decode, so a photo that is accepted can be processed. Full decodes take a slot of
/// <c>demeter.photos.max-concurrent-photos</c>, so a burst of huge uploads cannot hold gigabytes of pixels at once.
/// </summary>
public sealed class PhotoIntake(PhotoProcessingSettings settings)
{
    /// <summary>How long an upload waits for a decode slot before it is told to come back.</summary>
    public static readonly TimeSpan SlotWait = TimeSpan.FromSeconds(20);

    private readonly SemaphoreSlim _decodeSlots = new(settings.MaxConcurrentPhotos, settings.MaxConcurrentPhotos);

    public long MaxUploadBytes => settings.MaxUploadBytes;

    public int MaxQueuedPhotos => settings.MaxQueuedPhotos;

    public async Task<IntakeResult> InspectAsync(byte[] bytes, CancellationToken ct)
    {
        if (bytes.Length == 0)
        {
            return IntakeResult.Reject(StatusCodes.Status400BadRequest, "The uploaded file is empty.");
        }

        if (bytes.Length > settings.MaxUploadBytes)
        {
            return IntakeResult.Reject(StatusCodes.Status413PayloadTooLarge, $"The photo has {bytes.Length} bytes; the limit is {settings.MaxUploadBytes}.");
        }

        if (ImageFormatSniffer.Sniff(bytes) is null)
        {
            return IntakeResult.Reject(StatusCodes.Status415UnsupportedMediaType, "The upload is not a JPEG, PNG or WebP image.");
        }

        PhotoHeader header;
        try
        {
            header = PhotoHeader.Read(bytes);
        }
        catch (InvalidPhotoException ex)
        {
            return IntakeResult.Reject(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }

        if (Limit(header) is { } refused)
        {
            return refused;
        }

        if (!await _decodeSlots.WaitAsync(SlotWait, ct))
        {
            return IntakeResult.Reject(StatusCodes.Status503ServiceUnavailable, $"Every photo decoder of this node has been busy for {SlotWait.TotalSeconds:0} s.");
        }

        try
        {
            return await Task.Run(
                () =>
                {
                    // Every byte is decoded (a corrupt photo is refused here, not later), at the scale the thumbnail needs.
                    using var decoded = PhotoDecoder.DecodeReduced(bytes, Thumbnail.MaxSidePx, new PhotoDecoderOptions { MaxPixels = settings.MaxPixels });
                    return IntakeResult.Accept(header.Format, header.Width, header.Height, decoded.Gps, decoded.GpsProblem) with
                    {
                        Thumbnail = Thumbnail.Encode(decoded.Bitmap),
                    };
                },
                ct);
        }
        catch (InvalidPhotoException ex)
        {
            return IntakeResult.Reject(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }
        finally
        {
            _decodeSlots.Release();
        }
    }

    private IntakeResult? Limit(PhotoHeader header)
    {
        if (header.Pixels > settings.MaxPixels)
        {
            return IntakeResult.Reject(
                StatusCodes.Status413PayloadTooLarge, $"The photo is {header.Width}×{header.Height} = {header.Pixels:N0} pixels; the limit is {settings.MaxPixels:N0}.");
        }

        if (header.AspectRatio > settings.MaxAspectRatio)
        {
            return IntakeResult.Reject(
                StatusCodes.Status422UnprocessableEntity,
                $"The photo is {header.Width}×{header.Height}, {header.AspectRatio:0.#} times longer than wide; at most {settings.MaxAspectRatio:0.#} is a photo of a bed.",
                "unsupported-aspect-ratio");
        }

        var tiles = TilePlanner.Count(header.Width, header.Height, settings.TileSizePx, settings.TileOverlap);
        return tiles > settings.MaxTiles
            ? IntakeResult.Reject(
                StatusCodes.Status413PayloadTooLarge, $"The photo is {header.Width}×{header.Height}: {tiles} tiles of {settings.TileSizePx} px; the limit is {settings.MaxTiles}.")
            : null;
    }
}

/// <summary>What <see cref="PhotoIntake"/> found: an acceptable photo with its oriented size and GPS, or why not.</summary>
public sealed record IntakeResult(
    int Status, string? Error, ImageFormat Format, int WidthPx, int HeightPx, GpsCoordinate? Gps, string? Code = null, string? GpsProblem = null)
{
    public bool Accepted => Error is null;

    /// <summary>The upright photo as a small JPEG (see <see cref="Inference.Imaging.Thumbnail"/>), made from the intake's decode.</summary>
    public byte[]? Thumbnail { get; init; }

    public string ContentType => Format switch
    {
        ImageFormat.Jpeg => "image/jpeg",
        ImageFormat.Png => "image/png",
        _ => "image/webp",
    };

    public static IntakeResult Accept(ImageFormat format, int width, int height, GpsCoordinate? gps, string? gpsProblem) =>
        new(200, null, format, width, height, gps, GpsProblem: gpsProblem);

    public static IntakeResult Reject(int status, string error, string? code = null) => new(status, error, default, 0, 0, null, code);
}
