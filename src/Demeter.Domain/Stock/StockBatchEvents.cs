using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

public interface IStockBatchEvent : IDomainEvent
{
    Guid BatchId { get; }
}

/// <summary>A batch came into existence with its identity; its quantity arrives with the first movement.</summary>
[Manifest("stock.batch-opened.v1")]
public sealed record BatchOpened(Guid BatchId, BatchIdentity Identity, DateTimeOffset At) : IStockBatchEvent;

/// <summary>
/// One movement applied at its effective time <see cref="At"/>. <see cref="QuantityAfter"/> and
/// <see cref="EmptyContainersAfter"/> are the batch's totals once it is applied, so projections set absolute
/// values and applying the same event twice cannot double-count.
/// </summary>
[Manifest("stock.movement-recorded.v2")]
public sealed record MovementRecorded(
    Guid BatchId,
    Guid MovementId,
    MovementType Type,
    int SignedQuantity,
    DateTimeOffset At,
    int QuantityAfter,
    int EmptyContainersAfter,
    MovementDetails Details,
    long Fingerprint,
    decimal? TotalPrice) : IStockBatchEvent;

/// <summary>
/// A count verified the batch as of <see cref="At"/>: the ledger held <see cref="LedgerBefore"/> then,
/// <see cref="Booked"/> was booked (by <see cref="MovementId"/>, none when 0), and <see cref="Unbooked"/> plants
/// of a lower count could not be taken off because later movements had already taken them.
/// </summary>
[Manifest("stock.batch-counted.v1")]
public sealed record BatchCounted(
    Guid BatchId, Guid CountId, DateTimeOffset At, int Counted, int LedgerBefore, int Booked, int Unbooked, Guid? MovementId)
    : IStockBatchEvent;

/// <summary>A count older than the batch's latest count arrived: on record, no effect.</summary>
[Manifest("stock.batch-count-superseded.v1")]
public sealed record BatchCountSuperseded(Guid BatchId, Guid CountId, DateTimeOffset At, int Counted) : IStockBatchEvent;

[Manifest("stock.batch-archived.v1")]
public sealed record BatchArchived(Guid BatchId, DateTimeOffset At, string User) : IStockBatchEvent;
