using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>How a command to a batch ended.</summary>
public enum BatchOutcome
{
    /// <summary>Persisted now.</summary>
    Applied,

    /// <summary>The same command had been applied before: nothing new persisted, the original outcome returned.</summary>
    AlreadyApplied,

    /// <summary>A count older than the batch's latest one: recorded, no effect.</summary>
    Superseded,

    /// <summary>A query: nothing asked to change.</summary>
    Unchanged,

    Rejected,
}

/// <summary>One movement as booked: what a retry of the same movement id gets back.</summary>
[Manifest("stock.movement-outcome.v1")]
public sealed record MovementOutcome(Guid MovementId, MovementType Type, int SignedQuantity, int QuantityAfter, DateTimeOffset At) : IDemeterMessage;

/// <summary>What a stock batch answers to every command: the outcome and the batch as it now is.</summary>
[Manifest("stock.batch-reply.v2")]
public sealed record StockBatchReply(
    Guid BatchId,
    BatchOutcome Outcome,
    string? RejectionCode,
    string? RejectionReason,
    int? Available,
    MovementOutcome? Movement,
    CountOutcome? Count,
    StockBatchView Batch) : IDemeterMessage
{
    public bool Accepted => Outcome != BatchOutcome.Rejected;
}

/// <summary>A batch as every reader sees it: the API's one shape for a batch, whether projected yet or not.</summary>
[Manifest("stock.batch-view.v2")]
public sealed record StockBatchView(
    Guid BatchId,
    bool Exists,
    string? Code,
    int StorageLocationId,
    Guid? BinId,
    int? ProductId,
    string? ProductName,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    BatchStatus Status,
    int QuantityInitial,
    int Quantity,
    int EmptyContainers,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? UpdatedAt) : IDemeterMessage
{
    public static StockBatchView From(StockBatchState s)
    {
        var key = s.Identity?.Key;
        return new StockBatchView(
            s.BatchId, s.Exists, s.Identity?.Code, key?.StorageLocationId ?? 0, key?.BinId, key?.ProductId, key?.ProductName,
            key?.ProductStateId, key?.ProductSizeId, key?.PackagingId, s.Status, s.QuantityInitial, s.Quantity, s.EmptyContainers,
            s.VerifiedAt, s.OpenedAt, s.UpdatedAt);
    }
}

/// <summary>The answer to <see cref="GetLedgerAt"/>: what the batch held at a time, and how low its later balances go.</summary>
[Manifest("stock.batch-ledger-at.v1")]
public sealed record BatchLedgerAt(
    Guid BatchId, bool Exists, bool Archived, BatchKey? Key, DateTimeOffset At, int BalanceAt, int MinBalanceFrom, DateTimeOffset? VerifiedAt, int Quantity)
    : IDemeterMessage
{
    public static BatchLedgerAt From(StockBatchState s, DateTimeOffset at) => new(
        s.BatchId, s.Exists, s.Archived, s.Identity?.Key, at, (int)s.BalanceAt(at), (int)s.MinBalanceFrom(at), s.VerifiedAt, s.Quantity);
}
