using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.ReadModel;

/// <summary>A claro (or a place outside the layout, with no area, warehouse or geometry) as the API shows it.</summary>
public sealed record StorageLocationView(
    int Id,
    string Kind,
    string Code,
    string Label,
    int? Row,
    int? Col,
    double? AreaM2,
    double? CentroidLatitude,
    double? CentroidLongitude,
    Guid? LatestSessionId,
    StorageAreaView? StorageArea,
    WarehouseView? Warehouse);

public sealed record StorageAreaView(int Id, string Label, int Ordinal, double AreaM2);

public sealed record WarehouseView(int Id, string Name, double AreaM2);

/// <summary>One page of a list: <see cref="Total"/> counts every match, <see cref="Items"/> holds page <see cref="Page"/>.</summary>
public sealed record PageOf<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>One movement as every reader sees it.</summary>
public sealed record StockMovementView(
    Guid MovementId,
    Guid BatchId,
    long SequenceNr,
    int StorageLocationId,
    int? ProductId,
    int? PackagingId,
    string Type,
    string Direction,
    int Quantity,
    int QuantityAfter,
    string Source,
    string User,
    string? Reason,
    string? Notes,
    decimal? UnitPrice,
    decimal? TotalPrice,
    Guid? SessionId,
    Guid? TransplantId,
    bool NeedsReview,
    DateTimeOffset OccurredAt);

public sealed record StorageBinView(
    Guid BinId, int StorageLocationId, string Code, string TypeCode, string Category, string Status, int? Rows, int? Columns, int? Capacity,
    string? Label, long Quantity, IReadOnlyList<Guid> BatchIds, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record StorageLocationConfigView(
    Guid ConfigId, int StorageLocationId, int ProductId, int? PackagingId, int? ProductStateId, double? AreaCm2, string? Notes, bool Active, string User,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? DeactivatedAt)
{
    public static StorageLocationConfigView From(int storageLocationId, StorageLocationConfig c) => new(
        c.ConfigId, storageLocationId, c.ProductId, c.PackagingId, c.ProductStateId, c.AreaCm2, c.Notes, c.Active, c.User, c.CreatedAt, c.UpdatedAt, c.DeactivatedAt);
}

public sealed record StockCountView(
    int StorageLocationId, Guid SessionId, string Status, DateTimeOffset CountedAt, int Counted, int? LedgerAtCount, int? Sales, int? Adjustment, int? Unbooked,
    string? Note, DateTimeOffset UpdatedAt);

public sealed record TransplantRow(
    Guid TransplantId, string Status, Guid FromBatchId, int ToStorageLocationId, Guid? ToBatchId, int Quantity, string User, string? ErrorCode, string? Error,
    DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

public sealed record PhotoSessionRow(
    Guid SessionId,
    string Status,
    int? StorageLocationId,
    string BlobId,
    int WidthPx,
    int HeightPx,
    double? Latitude,
    double? Longitude,
    DateTimeOffset CapturedAt,
    string CaptureSource,
    string? CaptureNote,
    string User,
    int? Detected,
    int? Estimated,
    int? Tiles,
    double? AverageConfidence,
    double? DecodeMs,
    double? InferenceMs,
    double? PipelineMs,
    string? ModelName,
    string? ModelSha256,
    string? Booking,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? GpsProblem,
    int Attempt,
    string? CountDetail,
    int? ValidatedTotal,
    int? ValidatedCounted,
    string? ValidationNote,
    string? ValidatedBy,
    DateTimeOffset? ValidatedAt,
    int? CalibrationVersion,
    string? CalibrationRefusal,
    DateTimeOffset? DeletedAt = null,
    string? DeletedBy = null,
    string? DeleteReason = null)
{
    /// <summary>Earlier attempts that failed, oldest first (filled by the queries that return them).</summary>
    public IReadOnlyList<PhotoSessionFailureRow> FailedAttempts { get; init; } = [];
}

public sealed record PhotoSessionFailureRow(int Attempt, string Reason, DateTimeOffset FailedAt);

public sealed record LayoutCounts(int Warehouses, int StorageAreas, int StorageLocations);

/// <summary>
/// The parts of a count stored as one JSON column of photo_sessions: confidence level, warnings, segmenter, the
/// containers with their bands, and the calibration used with its key.
/// </summary>
public sealed record PhotoCountDetail(
    string? Confidence,
    IReadOnlyList<string> Warnings,
    string? Segmenter,
    IReadOnlyList<Demeter.Domain.Photos.Containers.ContainerCount> Containers,
    Demeter.Domain.Photos.Estimation.PlantSizeCalibration? Calibration,
    string? CalibrationKey)
{
    public static PhotoCountDetail From(Demeter.Domain.Photos.Sessions.PhotoCountResult r) =>
        new(r.Confidence, r.Warnings ?? [], r.Segmenter, r.Containers ?? [], r.Calibration, r.CalibrationKey);
}
