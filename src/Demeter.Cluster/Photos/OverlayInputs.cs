using System.Text.Json;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Visualization;

namespace Demeter.Cluster.Photos;

/// <summary>
/// What a counted photo's overlay is drawn from besides the photo: written beside it when the count is, so the overlay
/// (a 2048 px PNG, a tenth of a second of one core) is drawn on its first request instead of on every photo's path,
/// and kept once drawn. <see cref="Attempt"/> tells a reprocessed session's overlay from its earlier one.
/// </summary>
public sealed record OverlayInputs(
    int Attempt, int PhotoWidth, int PhotoHeight, int Estimated, IReadOnlyList<PixelRect> Containers, IReadOnlyList<Detection> Detections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static OverlayInputs Decode(byte[] json) =>
        JsonSerializer.Deserialize<OverlayInputs>(json, Json) ?? throw new InvalidOperationException("The overlay's inputs are empty.");

    /// <summary>The overlay of <paramref name="photo"/> (the session's stored photo) with these counts and the estimated-areas mask.</summary>
    public byte[] Render(byte[] photo, byte[]? areasPng)
    {
        using var decoded = PhotoDecoder.Decode(photo);
        using var background = PhotoOverlay.Background(decoded.Bitmap);
        using var areas = areasPng is null ? null : PhotoOverlay.DecodeAreas(areasPng);
        return PhotoOverlay.RenderPng(background, PhotoWidth, PhotoHeight, Detections, Estimated, areas, Containers);
    }
}
