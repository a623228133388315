namespace Demeter.Cluster.ReadModel;

/// <summary>A claro as the API shows it, with its storage area and warehouse.</summary>
public sealed record StorageLocationView(
    int Id,
    string Label,
    int Row,
    int Col,
    double AreaM2,
    double CentroidLatitude,
    double CentroidLongitude,
    string? LatestSessionId,
    StorageAreaView StorageArea,
    WarehouseView Warehouse);

public sealed record StorageAreaView(int Id, string Label, int Ordinal, double AreaM2);

public sealed record WarehouseView(int Id, string Name, double AreaM2);

public sealed record StockBatchRow(
    Guid BatchId, int? ProductId, int StorageLocationId, int QuantityInitial, int QuantityCurrent, int QuantityEmptyContainers,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record StockMovementRow(Guid MovementId, string Type, int Quantity, int QuantityAfter, Guid? SessionId, string? Reason, DateTimeOffset At);

public sealed record PhotoSessionRow(
    Guid SessionId,
    string Status,
    int? StorageLocationId,
    string BlobId,
    int WidthPx,
    int HeightPx,
    double? Latitude,
    double? Longitude,
    int? Detected,
    int? Estimated,
    int? Tiles,
    double? AverageConfidence,
    double? DecodeMs,
    double? InferenceMs,
    double? PipelineMs,
    string? ModelName,
    string? ModelSha256,
    string? Error,
    Guid? BookedBatchId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt);
