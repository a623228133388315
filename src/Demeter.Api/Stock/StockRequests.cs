namespace Demeter.Api.Stock;

/// <summary>
/// One movement. Address the lot by <see cref="BatchId"/>, or by <see cref="StorageLocationId"/> and product
/// (then the lot is found, or for an inbound movement created). <see cref="Quantity"/> is positive and the type
/// gives the direction, except for ajuste, which is signed and needs a <see cref="Reason"/>.
/// <see cref="MovementId"/> is chosen by the client and reused on retries.
/// </summary>
public sealed record MovementRequest(
    Guid? MovementId,
    Guid? BatchId,
    string? Type,
    int? Quantity,
    string? Reason,
    string? Notes,
    decimal? UnitPrice,
    int? StorageLocationId,
    int? ProductId,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    Guid? BinId,
    string? BinCategory);

/// <summary>A claro's first count of a lot, entered by hand. Omitted state and packaging are the claro's configured ones.</summary>
public sealed record ManualInitRequest(
    Guid? MovementId,
    int? StorageLocationId,
    int? ProductId,
    int? Quantity,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    Guid? BinId,
    string? BinCategory,
    string? Notes,
    Guid? BatchId);

/// <summary>Moves plants from a batch to a claro; the destination lot is the source's unless product, state, size or packaging are given.</summary>
public sealed record TransplantRequestBody(
    Guid? MovementId,
    Guid? FromBatchId,
    int? ToStorageLocationId,
    int? Quantity,
    int? ProductId,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    Guid? ToBinId,
    string? ToBinCategory,
    string? Notes);

/// <summary>A monthly reconciliation of one claro or one warehouse.</summary>
public sealed record ReconciliationRequest(int? StorageLocationId, int? WarehouseId, int? Year, int? Month);
