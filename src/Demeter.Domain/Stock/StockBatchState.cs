using System.Collections.Immutable;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>A batch's lifecycle: active while it holds plants, depleted at zero (it may fill again), archived for good.</summary>
public enum BatchStatus
{
    Active,
    Depleted,
    Archived,
}

/// <summary>The outcome a movement id stands for, so a retry gets the original answer back.</summary>
public sealed record AppliedMovement(long Fingerprint, MovementType Type, int SignedQuantity, int QuantityAfter, DateTimeOffset At);

/// <summary>The outcome of one count of the batch (photo session), kept so a retried count gets it back.</summary>
public sealed record CountOutcome(
    DateTimeOffset At, int Counted, int LedgerBefore, int Booked, int Unbooked, Guid? MovementId, MovementType? Type, bool Superseded);

/// <summary>
/// The current state of one batch; also its snapshot. <see cref="SinceVerified"/> is the ledger since the latest
/// count (see <see cref="LedgerTimeline"/>); <see cref="FoldedUntil"/> is how far older changes were folded away
/// when there were too many to keep.
/// </summary>
[Manifest("stock.batch-state.v2")]
public sealed record StockBatchState(
    Guid BatchId,
    BatchIdentity? Identity,
    int Quantity,
    int QuantityInitial,
    int EmptyContainers,
    bool Archived,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? FoldedUntil,
    ImmutableList<LedgerEntry> SinceVerified,
    ImmutableDictionary<Guid, AppliedMovement> Applied,
    ImmutableDictionary<Guid, CountOutcome> Counts,
    DateTimeOffset? OpenedAt,
    DateTimeOffset? UpdatedAt) : IDemeterMessage
{
    public static StockBatchState Empty(Guid batchId) => new(
        batchId, null, 0, 0, 0, false, null, null, [], ImmutableDictionary<Guid, AppliedMovement>.Empty,
        ImmutableDictionary<Guid, CountOutcome>.Empty, null, null);

    public bool Exists => Identity is not null;

    public BatchStatus Status => Archived ? BatchStatus.Archived : Quantity == 0 ? BatchStatus.Depleted : BatchStatus.Active;

    /// <summary>No movement has ever been booked: the first inbound movement is the batch's baseline.</summary>
    public bool Untouched => Applied.IsEmpty;

    /// <summary>Nothing before this time may change: the latest count, or the fold of old changes if that is later.</summary>
    public DateTimeOffset? FrozenBefore => VerifiedAt is { } v && (FoldedUntil is not { } f || v >= f) ? v : FoldedUntil;

    /// <summary>What the ledger held at <paramref name="at"/> (a time at or after <see cref="FrozenBefore"/>).</summary>
    public long BalanceAt(DateTimeOffset at) => LedgerTimeline.BalanceAt(Quantity, SinceVerified, at);

    public long MinBalanceFrom(DateTimeOffset at) => LedgerTimeline.MinBalanceFrom(Quantity, SinceVerified, at);
}
