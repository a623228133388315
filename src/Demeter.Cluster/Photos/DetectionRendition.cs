using System.Text.Json;

namespace Demeter.Cluster.Photos;

/// <summary>One kept detection of a counted photo, with the container it was counted in (photo pixels).</summary>
public sealed record StoredDetection(int Container, float X1, float Y1, float X2, float Y2, float Score, int ClassId, string Label);

/// <summary>
/// A count's detections, stored beside the photo rather than in the journal (a crowded photo has thousands, and an
/// event that large would travel with every reply of its session); the read model's photo_detections table is filled
/// from it when the count is projected, so a rebuilt read model gets them back.
/// </summary>
public static class DetectionRendition
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>One per attempt: a reprocessed session keeps the detections of its earlier attempts.</summary>
    public static string Name(Guid sessionId, int attempt) => $"detections-{sessionId:N}-{attempt}.json";

    public static byte[] Encode(IEnumerable<StoredDetection> detections) => JsonSerializer.SerializeToUtf8Bytes(detections.ToList(), Json);

    public static IReadOnlyList<StoredDetection> Decode(byte[] bytes) => JsonSerializer.Deserialize<List<StoredDetection>>(bytes, Json) ?? [];
}
