using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>A command addressed to one stock batch entity.</summary>
public interface IStockBatchCommand : IDemeterMessage
{
    Guid BatchId { get; }
}

/// <summary>
/// Books one movement. <see cref="Quantity"/> is the magnitude for typed movements (plantar, muerte, ...) and the
/// signed change for ajuste and the legs of a transplante. <see cref="Open"/> is set only by the storage location
/// that assigned the batch: with it, a batch that does not exist yet is opened with that identity. A client
/// addressing a batch by id never sends it, so it can neither create a batch nor choose its id.
/// </summary>
[Manifest("stock.record-movement.v2")]
public sealed record RecordMovement(
    Guid BatchId,
    Guid MovementId,
    MovementType Type,
    int Quantity,
    DateTimeOffset At,
    MovementDetails Details,
    BatchIdentity? Open = null) : IStockBatchCommand;

/// <summary>
/// A count of the batch as of <see cref="At"/> (a photo's capture time): the difference to what the ledger held
/// then is booked at that time, and what was booked after it stays in force. <see cref="CountId"/> (the photo
/// session) makes it idempotent; <see cref="MovementId"/> is minted by the storage location for the movement
/// that books the difference.
/// </summary>
[Manifest("stock.verify-count.v1")]
public sealed record VerifyCount(
    Guid BatchId,
    Guid CountId,
    Guid MovementId,
    DateTimeOffset At,
    int Counted,
    string User,
    BatchIdentity? Open = null) : IStockBatchCommand;

/// <summary>Closes a depleted batch for good: it takes no further movements and no longer counts as the claro's lot for its key.</summary>
[Manifest("stock.archive-batch.v1")]
public sealed record ArchiveBatch(Guid BatchId, DateTimeOffset At, string User) : IStockBatchCommand;

[Manifest("stock.get-batch.v2")]
public sealed record GetBatch(Guid BatchId) : IStockBatchCommand;

/// <summary>What the ledger of the batch held at <see cref="At"/>; answered with <see cref="BatchLedgerAt"/>.</summary>
[Manifest("stock.get-ledger-at.v1")]
public sealed record GetLedgerAt(Guid BatchId, DateTimeOffset At) : IStockBatchCommand;
