using System.Text.Json;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Serialization;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.StorageLocations;

namespace Demeter.Api.Photos;

/// <summary>
/// The JSON shape of GET /api/v1/photo-sessions/{id}, from the read model or (before projection) the journal.
/// A session is "processing" until its count is booked into the ledger, then "completed" with the booking.
/// </summary>
public sealed record PhotoSessionView(
    Guid SessionId,
    string Status,
    int? StorageLocationId,
    int Detected,
    int Estimated,
    int Total,
    int? Tiles,
    double? AverageConfidence,
    PhotoSessionCaptureView CapturedAt,
    PhotoSessionTimingsView Timings,
    PhotoSessionModelView? Model,
    PhotoCountBooking? Booking,
    string? Error,
    PhotoSessionImageView Image)
{
    /// <summary>Which attempt this is (1, or more once a failed session was reprocessed).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The earlier attempts that failed, oldest first.</summary>
    public IReadOnlyList<FailedAttemptView> FailedAttempts { get; init; } = [];

    /// <summary>How far the count can be trusted: high, medium, low or unknown (null before it is counted).</summary>
    public string? Confidence { get; init; }

    /// <summary>What someone should look at although the count stands (needs_calibration, no_detections_found, ...).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The container segmenter that found the containers.</summary>
    public string? Segmenter { get; init; }

    /// <summary>The containers of the photo with what each holds, and its bands.</summary>
    public IReadOnlyList<PhotoSessionContainerView> Containers { get; init; } = [];

    /// <summary>The calibration the estimate used (null: the defaults), for the claro's product and packaging.</summary>
    public PhotoSessionCalibrationView? Calibration { get; init; }

    /// <summary>Where the session's renditions are: its photo's thumbnail and progress always, the overlay, metrics and detections once counted.</summary>
    public PhotoSessionLinks Links { get; init; } = PhotoSessionLinks.For(Guid.Empty, counted: false);

    /// <summary>Who hid the session from the gallery, when and why (null: shown); its count and booking stand.</summary>
    public PhotoSessionDeletionView? Deleted { get; init; }

    /// <summary>A supervisor's validation of the count, if any.</summary>
    public PhotoSessionValidationView? Validation { get; init; }

    /// <summary>
    /// How good the counting was (score and grade), from the photo's confidence level, whether it was processed, and
    /// how many attempts failed; null before it is counted.
    /// </summary>
    public Demeter.Domain.Photos.Estimation.SessionQuality? Quality { get; init; }

    public static string StatusCode(PhotoSessionStatus status) => status switch
    {
        PhotoSessionStatus.NeedsLocation => "needs_location",
        PhotoSessionStatus.NeedsConfig => "needs_config",
        PhotoSessionStatus.Counted => "processing",
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
            new PhotoSessionCaptureView(r.CapturedAt, r.CaptureSource, r.CaptureNote),
            new PhotoSessionTimingsView(r.CreatedAt, r.StartedAt, r.FinishedAt, r.DecodeMs, r.InferenceMs, r.PipelineMs),
            r.ModelName is null ? null : new PhotoSessionModelView(r.ModelName, r.ModelSha256 ?? string.Empty),
            r.Booking is null ? null : JsonSerializer.Deserialize<PhotoCountBooking>(r.Booking, DemeterSerializer.Options),
            r.Error,
            new PhotoSessionImageView(r.BlobId, r.WidthPx, r.HeightPx, r.Latitude, r.Longitude, r.GpsProblem) { ThumbnailUrl = ThumbnailUrl(r.SessionId) })
        {
            Attempt = r.Attempt,
            FailedAttempts = r.FailedAttempts.Select(f => new FailedAttemptView(f.Attempt, f.Reason, f.FailedAt)).ToList(),
            Validation = r.ValidatedTotal is { } validated
                ? new PhotoSessionValidationView(validated, r.ValidatedCounted ?? 0, r.ValidationNote, r.ValidatedBy ?? string.Empty, r.ValidatedAt ?? default, r.CalibrationVersion, r.CalibrationRefusal)
                : null,
            Deleted = r.DeletedAt is { } at ? new PhotoSessionDeletionView(r.DeletedBy ?? string.Empty, at, r.DeleteReason) : null,
            Links = PhotoSessionLinks.For(r.SessionId, counted: r.CountDetail is not null),
        }.WithDetail(r.CountDetail is null ? null : JsonSerializer.Deserialize<PhotoCountDetail>(r.CountDetail, DemeterSerializer.Options));
    }

    public static PhotoSessionView From(PhotoSessionState s) => new PhotoSessionView(
        s.SessionId,
        StatusCode(s.Status),
        s.StorageLocationId,
        s.Result?.Detected ?? 0,
        s.Result?.Estimated ?? 0,
        s.Result?.Total ?? 0,
        s.Result?.Tiles,
        s.Result?.AverageConfidence,
        new PhotoSessionCaptureView(s.CapturedAt?.At ?? s.CreatedAt ?? default, (s.CapturedAt?.Source ?? CaptureTimeSource.Upload).ToString().ToLowerInvariant(), s.CapturedAt?.Note),
        new PhotoSessionTimingsView(
            s.CreatedAt ?? default, s.StartedAt, s.FinishedAt, s.Result?.Timings.DecodeMs, s.Result?.Timings.InferenceMs, s.Result?.Timings.PipelineMs),
        s.Result is null ? null : new PhotoSessionModelView(s.Result.ModelName, s.Result.ModelSha256),
        s.Status == PhotoSessionStatus.Counted ? null : s.Booking,
        s.Error,
        new PhotoSessionImageView(s.Photo?.BlobId ?? string.Empty, s.Photo?.WidthPx ?? 0, s.Photo?.HeightPx ?? 0, s.Latitude, s.Longitude, s.GpsProblem)
        {
            ThumbnailUrl = ThumbnailUrl(s.SessionId),
        })
    {
        Attempt = s.Attempt,
        FailedAttempts = (s.FailedAttempts ?? []).Select(f => new FailedAttemptView(f.Attempt, f.Reason, f.FailedAt)).ToList(),
        Validation = s.Validation is { } v
            ? new PhotoSessionValidationView(v.ValidatedTotal, v.Counted, v.Note, v.User, v.At, v.CalibrationVersion, v.CalibrationRefusal)
            : null,
        Deleted = s.Deletion is { } d ? new PhotoSessionDeletionView(d.User, d.At, d.Reason) : null,
        Links = PhotoSessionLinks.For(s.SessionId, counted: s.Result is not null),
    }.WithDetail(s.Result is null ? null : PhotoCountDetail.From(s.Result));

    private PhotoSessionView WithDetail(PhotoCountDetail? d) => d is null ? this : this with
    {
        // One photo per session: it was expected and processed, its time is its own mean, and earlier attempts failed.
        Quality = Demeter.Domain.Photos.Estimation.SessionQuality.OfPhoto(d.Confidence, Timings.PipelineMs, Attempt),
        Confidence = d.Confidence,
        Warnings = d.Warnings,
        Segmenter = d.Segmenter,
        Containers = d.Containers.Select(PhotoSessionContainerView.From).ToList(),
        Calibration = d.CalibrationKey is { } key
            ? new PhotoSessionCalibrationView(key, d.Calibration?.Version, d.Calibration?.Alpha, d.Calibration?.PlantAreaPx, d.Calibration?.Samples ?? 0)
            : null,
    };

    private static string ThumbnailUrl(Guid sessionId) => $"/api/v1/photo-sessions/{sessionId}/thumbnail";
}

public sealed record FailedAttemptView(int Attempt, string Reason, DateTimeOffset FailedAt);

public sealed record PhotoSessionDeletionView(string By, DateTimeOffset At, string? Reason);

/// <summary>A session's related resources (null: not made yet).</summary>
public sealed record PhotoSessionLinks(string Self, string Thumbnail, string Events, string? Overlay, string? Metrics, string? Detections)
{
    public static PhotoSessionLinks For(Guid id, bool counted)
    {
        var self = $"/api/v1/photo-sessions/{id}";
        return new PhotoSessionLinks(self, $"{self}/thumbnail", $"{self}/events", counted ? $"{self}/overlay" : null, counted ? $"{self}/metrics" : null, counted ? $"{self}/detections" : null);
    }
}

/// <summary>One container of a counted photo: its box as [x1, y1, x2, y2] in photo pixels, its counts and its bands.</summary>
public sealed record PhotoSessionContainerView(
    int Index, string Type, string Category, int[] Bbox, float SegmentationConfidence, int Detected, int Estimated, int Total, string Confidence, bool Empty,
    IReadOnlyList<Demeter.Domain.Photos.Estimation.BandEstimate> Bands)
{
    public static PhotoSessionContainerView From(Demeter.Domain.Photos.Containers.ContainerCount c) => new(
        c.Index, c.Type, Demeter.Domain.Storage.StorageBinCategories.ToCode(c.Category), [c.Box.X, c.Box.Y, c.Box.Right, c.Box.Bottom], c.SegmentationConfidence,
        c.Detected, c.Estimated, c.Total, c.Confidence, c.Empty, c.Bands);
}

/// <summary>Which calibration a count used: its key (product and packaging), and its version and values (null when none existed yet: the defaults).</summary>
public sealed record PhotoSessionCalibrationView(string Key, int? Version, double? Alpha, double? PlantAreaPx, int Samples);

/// <summary>A supervisor's validated count, what the pipeline had counted, and the calibration version it went into.</summary>
public sealed record PhotoSessionValidationView(
    int ValidatedTotal, int Counted, string? Note, string User, DateTimeOffset At, int? CalibrationVersion, string? CalibrationRefusal);

/// <summary>When the photo was taken (the time its count is booked as of), where that came from, and why another source was passed over.</summary>
public sealed record PhotoSessionCaptureView(DateTimeOffset At, string Source, string? Note);

public sealed record PhotoSessionTimingsView(
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, double? DecodeMs, double? InferenceMs, double? PipelineMs);

public sealed record PhotoSessionModelView(string Name, string Sha256);

/// <summary>The stored photo; <c>GpsProblem</c> says why its own EXIF GPS was not used, when it had unusable GPS tags.</summary>
public sealed record PhotoSessionImageView(string BlobId, int WidthPx, int HeightPx, double? Latitude, double? Longitude, string? GpsProblem)
{
    /// <summary>Where a 300 px JPEG of the photo is served.</summary>
    public string? ThumbnailUrl { get; init; }
}

/// <summary>
/// One server-sent event of a session's progress. <c>Stage</c>: pending, processing, booking (counted, going into
/// the ledger), completed, failed, needs_location or needs_config; the last four end the stream.
/// </summary>
public sealed record PhotoSessionProgressEvent(string Stage, int? TilesDone, int? TilesTotal, int Detected, int Estimated, int Total, string? Error)
{
    public bool Settled => Stage is "completed" or "failed" or "needs_location" or "needs_config";

    public static PhotoSessionProgressEvent From(PhotoSessionProgress p)
    {
        var s = p.Session;
        var stage = s.Status == PhotoSessionStatus.Counted ? "booking" : PhotoSessionView.StatusCode(s.Status);
        var tiles = s.Result?.Tiles;
        return new PhotoSessionProgressEvent(
            stage, p.TilesDone ?? tiles, p.TilesTotal ?? tiles, s.Result?.Detected ?? 0, s.Result?.Estimated ?? 0, s.Result?.Total ?? 0, s.Error);
    }
}
