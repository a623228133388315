using Demeter.Cluster.ReadModel;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Api.Stock;

/// <summary>A batch: the one shape of the resource, whether read from the read model or (just created) from its entity.</summary>
public sealed record BatchResponse(
    Guid Id,
    string? Code,
    int StorageLocationId,
    Guid? BinId,
    int? ProductId,
    string? ProductName,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    string Status,
    int QuantityInitial,
    int Quantity,
    int EmptyContainers,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt)
{
    public static BatchResponse From(StockBatchView b) => new(
        b.BatchId, b.Code, b.StorageLocationId, b.BinId, b.ProductId, b.ProductName, b.ProductStateId, b.ProductSizeId, b.PackagingId,
        b.Status.ToString().ToLowerInvariant(), b.QuantityInitial, b.Quantity, b.EmptyContainers, b.VerifiedAt, b.OpenedAt, b.UpdatedAt);
}

/// <summary>A booked movement: <see cref="Quantity"/> is what the batch holds after it (the original outcome on a retry).</summary>
public sealed record MovementResponse(
    Guid MovementId, Guid BatchId, string Type, int SignedQuantity, int Quantity, bool AlreadyApplied, DateTimeOffset OccurredAt, BatchResponse Batch)
{
    public static MovementResponse From(StockBatchReply r) => new(
        r.Movement!.MovementId, r.BatchId, r.Movement.Type.ToCode(), r.Movement.SignedQuantity, r.Movement.QuantityAfter,
        r.Outcome == BatchOutcome.AlreadyApplied, r.Movement.At, BatchResponse.From(r.Batch));
}

/// <summary>The result of one movement of a batch request: its status and either the movement or the problem.</summary>
public sealed record MovementBatchItem(int Index, int Status, MovementResponse? Movement, object? Problem);

public sealed record MovementBatchResponse(int Accepted, int Rejected, IReadOnlyList<MovementBatchItem> Results);

public sealed record ManualInitResponse(
    Guid BatchId, string? BatchCode, Guid MovementId, int StorageLocationId, int Quantity, bool AlreadyApplied, BatchResponse Batch);

public sealed record StorageLocationStockResponse(int StorageLocationId, long Total, IReadOnlyList<BatchResponse> Batches);

public sealed record PageResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

public sealed record TransplantResponse(
    Guid TransplantId,
    string Status,
    Guid FromBatchId,
    int ToStorageLocationId,
    Guid? ToBatchId,
    int Quantity,
    string? ErrorCode,
    string? Error,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? FinishedAt,
    string StatusUrl)
{
    public static string UrlOf(Guid id) => $"/api/v1/stock/transplants/{id}";

    public static TransplantResponse From(Domain.Stock.Transplants.TransplantState t) => new(
        t.TransplantId, Code(t.Status), t.Request?.FromBatchId ?? Guid.Empty, t.Request?.ToStorageLocationId ?? 0, t.ToBatchId, t.Request?.Quantity ?? 0,
        t.ErrorCode, t.Error, t.CreatedAt, t.FinishedAt, UrlOf(t.TransplantId));

    public static TransplantResponse From(TransplantRow t) => new(
        t.TransplantId, t.Status, t.FromBatchId, t.ToStorageLocationId, t.ToBatchId, t.Quantity, t.ErrorCode, t.Error, t.CreatedAt, t.FinishedAt, UrlOf(t.TransplantId));

    private static string Code(Domain.Stock.Transplants.TransplantStatus s) => s switch
    {
        Domain.Stock.Transplants.TransplantStatus.SourceDebited => "source_debited",
        _ => s.ToString().ToLowerInvariant(),
    };
}

public sealed record StorageBinResponse(
    Guid Id, int StorageLocationId, string Code, string TypeCode, string Category, string Status, int? Rows, int? Columns, int? Capacity, string? Label,
    long Quantity, IReadOnlyList<Guid> BatchIds, DateTimeOffset CreatedAt)
{
    public static StorageBinResponse From(StorageBinView b) =>
        new(b.BinId, b.StorageLocationId, b.Code, b.TypeCode, b.Category, b.Status, b.Rows, b.Columns, b.Capacity, b.Label, b.Quantity, b.BatchIds, b.CreatedAt);

    /// <summary>From the claro's entity (quantities live in the batches, so none here).</summary>
    public static StorageBinResponse From(StorageBin b, IReadOnlyList<Guid> batches) => new(
        b.BinId, b.StorageLocationId, b.Code, b.TypeCode, b.Category.ToCode(), b.Status.ToString().ToLowerInvariant(), b.Rows, b.Columns, b.Capacity, b.Label, 0,
        batches, b.CreatedAt);
}
