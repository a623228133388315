namespace Demeter.Api.Stock;

/// <summary>Body of POST /api/v1/stock-batches. Ids are optional; a client that sends its own can retry safely.</summary>
public sealed record CreateBatchRequest(Guid? BatchId, int? ProductId, int? StorageLocationId, int? Quantity, Guid? MovementId);

/// <summary>Body of POST /api/v1/stock-batches/{id}/movements; <see cref="MovementId"/> makes retries idempotent.</summary>
public sealed record RecordMovementRequest(Guid? MovementId, string? Type, int? Quantity, string? Reason);
