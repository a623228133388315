using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>A command addressed to one stock batch entity.</summary>
public interface IStockBatchCommand : IDemeterMessage
{
    Guid BatchId { get; }
}

/// <summary>Opens a batch with a counted baseline (booked as a manual_init movement).</summary>
[Manifest("stock.create-batch.v1")]
public sealed record CreateBatch(
    Guid BatchId, int? ProductId, int StorageLocationId, int Quantity, Guid MovementId, DateTimeOffset At)
    : IStockBatchCommand;

/// <summary>
/// Books one movement. <see cref="Quantity"/> is the magnitude for typed movements (plantar, muerte, ...)
/// and the signed change for ajuste.
/// </summary>
[Manifest("stock.record-movement.v1")]
public sealed record RecordMovement(
    Guid BatchId, Guid MovementId, MovementType Type, int Quantity, DateTimeOffset At, string? Reason = null)
    : IStockBatchCommand;

/// <summary>
/// Sets the batch to a photo count (a foto movement for the difference); creates the batch if new.
/// <see cref="At"/> is when the photo was taken (or uploaded): a count older than the batch's latest photo
/// count is superseded, so a slow or retried session can never overwrite a newer count.
/// </summary>
[Manifest("stock.record-photo-count.v1")]
public sealed record RecordPhotoCount(
    Guid BatchId, Guid MovementId, Guid SessionId, int StorageLocationId, int CountedQuantity, DateTimeOffset At)
    : IStockBatchCommand;

[Manifest("stock.get-batch.v1")]
public sealed record GetBatch(Guid BatchId) : IStockBatchCommand;
