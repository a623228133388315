using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Api.Photos;

/// <summary>The JSON shape of GET /api/v1/photo-sessions/{id}, from the read model or (before projection) the entity.</summary>
public sealed record PhotoSessionView(
    Guid SessionId,
    string Status,
    int? StorageLocationId,
    int Detected,
    int Estimated,
    int Total,
    int? Tiles,
    double? AverageConfidence,
    PhotoSessionTimingsView Timings,
    PhotoSessionModelView? Model,
    string? Error,
    Guid? BookedBatchId,
    PhotoSessionImageView Image)
{
    public static string StatusCode(PhotoSessionStatus status) => status switch
    {
        PhotoSessionStatus.NeedsLocation => "needs_location",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static PhotoSessionView From(PhotoSessionRow r)
    {
        var status = Enum.Parse<PhotoSessionStatus>(r.Status);
        return new PhotoSessionView(
            r.SessionId,
            StatusCode(status),
            r.StorageLocationId,
            r.Detected ?? 0,
            r.Estimated ?? 0,
            (r.Detected ?? 0) + (r.Estimated ?? 0),
            r.Tiles,
            r.AverageConfidence,
            new PhotoSessionTimingsView(r.CreatedAt, r.StartedAt, r.FinishedAt, r.DecodeMs, r.InferenceMs, r.PipelineMs),
            r.ModelName is null ? null : new PhotoSessionModelView(r.ModelName, r.ModelSha256 ?? string.Empty),
            r.Error,
            r.BookedBatchId,
            new PhotoSessionImageView(r.BlobId, r.WidthPx, r.HeightPx, r.Latitude, r.Longitude));
    }

    public static PhotoSessionView From(PhotoSessionState s) => new(
        s.SessionId,
        StatusCode(s.Status),
        s.StorageLocationId,
        s.Result?.Detected ?? 0,
        s.Result?.Estimated ?? 0,
        s.Result?.Total ?? 0,
        s.Result?.Tiles,
        s.Result?.AverageConfidence,
        new PhotoSessionTimingsView(
            s.CreatedAt ?? default, s.StartedAt, s.FinishedAt, s.Result?.Timings.DecodeMs, s.Result?.Timings.InferenceMs, s.Result?.Timings.PipelineMs),
        s.Result is null ? null : new PhotoSessionModelView(s.Result.ModelName, s.Result.ModelSha256),
        s.Error,
        s.BookedBatchId,
        new PhotoSessionImageView(s.Photo?.BlobId ?? string.Empty, s.Photo?.WidthPx ?? 0, s.Photo?.HeightPx ?? 0, s.Latitude, s.Longitude));
}

public sealed record PhotoSessionTimingsView(
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DecodeMs, double? InferenceMs, double? PipelineMs);

public sealed record PhotoSessionModelView(string Name, string Sha256);

public sealed record PhotoSessionImageView(string BlobId, int WidthPx, int HeightPx, double? Latitude, double? Longitude);
