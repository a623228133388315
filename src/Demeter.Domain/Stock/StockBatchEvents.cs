using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

public interface IStockBatchEvent : IDomainEvent
{
    Guid BatchId { get; }
}

/// <summary>A batch came into existence; its quantity arrives with the first movement.</summary>
[Manifest("stock.batch-created.v1")]
public sealed record BatchCreated(Guid BatchId, int? ProductId, int StorageLocationId, DateTimeOffset At)
    : IStockBatchEvent;

/// <summary>
/// One movement applied. <see cref="QuantityAfter"/> lets projections set absolute values, so applying
/// the same event twice cannot double-count.
/// </summary>
[Manifest("stock.movement-recorded.v1")]
public sealed record MovementRecorded(
    Guid BatchId,
    Guid MovementId,
    MovementType Type,
    int SignedQuantity,
    int QuantityAfter,
    int EmptyContainersAfter,
    Guid? SessionId,
    string? Reason,
    DateTimeOffset At) : IStockBatchEvent;

/// <summary>A photo count arrived after a newer one had been booked: on record for the session, no effect on the quantity.</summary>
[Manifest("stock.photo-count-superseded.v1")]
public sealed record PhotoCountSuperseded(Guid BatchId, Guid MovementId, Guid SessionId, int Counted, DateTimeOffset At)
    : IStockBatchEvent;

/// <summary>A photo count matched the ledger exactly: no movement, but the session's booking is on record.</summary>
[Manifest("stock.photo-count-confirmed.v1")]
public sealed record PhotoCountConfirmed(Guid BatchId, Guid MovementId, Guid SessionId, int Counted, DateTimeOffset At)
    : IStockBatchEvent;
