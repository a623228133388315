using System.Text.Json;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Visualization;

namespace Demeter.Cluster.Photos;

/// <summary>
/// What a counted photo's overlay is drawn from besides the photo and its attempt's detections
/// (<see cref="DetectionRendition"/>): written beside it when the count is, so the overlay (a 2048 px PNG, a tenth of a
/// second of one core) is drawn on its first request instead of on every photo's path, and kept once drawn.
/// <see cref="Attempt"/> tells a reprocessed session's overlay from its earlier one.
/// </summary>
public sealed record OverlayInputs(int Attempt, int PhotoWidth, int PhotoHeight, int Estimated, IReadOnlyList<PixelRect> Containers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] Encode() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static OverlayInputs Decode(byte[] json) =>
        JsonSerializer.Deserialize<OverlayInputs>(json, Json) ?? throw new InvalidOperationException("The overlay's inputs are empty.");

    /// <summary>The overlay of <paramref name="photo"/> (the session's stored photo) with its detections, these counts and the estimated-areas mask.</summary>
    public byte[] Render(byte[] photo, IReadOnlyList<StoredDetection> detections, byte[]? areasPng)
    {
        using var decoded = PhotoDecoder.Decode(photo);
        using var background = PhotoOverlay.Background(decoded.Bitmap);
        using var areas = areasPng is null ? null : PhotoOverlay.DecodeAreas(areasPng);
        var drawn = detections.Select(d => new Detection(d.X1, d.Y1, d.X2, d.Y2, d.Score, d.ClassId, d.Label)).ToList();
        return PhotoOverlay.RenderPng(background, PhotoWidth, PhotoHeight, drawn, Estimated, areas, Containers);
    }
}
