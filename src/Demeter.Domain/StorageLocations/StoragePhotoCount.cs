using System.Collections.Immutable;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Domain.StorageLocations;

/// <summary>Where a photo count of a claro stands in the ledger.</summary>
public enum PhotoCountStatus
{
    /// <summary>Received; waiting for what the claro's batches held at the capture time.</summary>
    Pending,

    /// <summary>Several active batches and no config: books nothing until the claro is configured.</summary>
    NeedsConfig,

    /// <summary>Split over the claro's batches; the batches are booking their parts.</summary>
    Allocated,

    /// <summary>Every batch booked its part.</summary>
    Booked,

    /// <summary>Older than the claro's latest count: no effect.</summary>
    Superseded,
}

/// <summary>The part of a count one batch is to hold as of the capture time; <see cref="Open"/> when the batch is new.</summary>
public sealed record CountAllocation(Guid BatchId, int Target, Guid MovementId, BatchIdentity? Open);

/// <summary>One photo count of a claro as the claro tracks it.</summary>
public sealed record StoragePhotoCount(
    Guid SessionId,
    DateTimeOffset CapturedAt,
    int Counted,
    string User,
    PhotoCountStatus Status,
    ImmutableList<CountAllocation> Allocations,
    ImmutableDictionary<Guid, CountOutcome> Results,
    string? Note,
    PhotoCountStatus? NotifiedStatus,
    IReadOnlyList<CategoryCount>? Categories = null)
{
    public bool Settled => Status is PhotoCountStatus.Booked or PhotoCountStatus.Superseded;

    /// <summary>How many new lots splitting the count may open: one per container category it saw (at least one).</summary>
    public int NewLotsAtMost => Math.Max(1, Categories?.Count ?? 1);

    /// <summary>The session has not yet heard of where its count now stands.</summary>
    public bool OwesNotice => (Status is PhotoCountStatus.NeedsConfig or PhotoCountStatus.Booked or PhotoCountStatus.Superseded) && NotifiedStatus != Status;
}

/// <summary>What a photo session learns of its count's booking, and what it shows its client.</summary>
[Manifest("stock.photo-count-booking.v1")]
public sealed record PhotoCountBooking(
    PhotoCountStatus Status,
    DateTimeOffset CapturedAt,
    int Counted,
    int LedgerAtCapture,
    int Sales,
    int Adjustment,
    int Unbooked,
    string? Note,
    IReadOnlyList<PhotoCountBatchResult> Batches) : IDemeterMessage
{
    public static PhotoCountBooking From(StoragePhotoCount c)
    {
        var batches = c.Results
            .OrderBy(r => r.Key)
            .Select(r => new PhotoCountBatchResult(r.Key, r.Value.LedgerBefore, r.Value.Booked, r.Value.Type, r.Value.Unbooked, r.Value.Superseded))
            .ToArray();
        return new PhotoCountBooking(
            c.Status,
            c.CapturedAt,
            c.Counted,
            batches.Where(b => !b.Superseded).Sum(b => b.LedgerBefore),
            -batches.Where(b => b.Booked < 0).Sum(b => b.Booked),
            batches.Where(b => b.Type == MovementType.Ajuste).Sum(b => b.Booked),
            batches.Sum(b => b.Unbooked),
            c.Note,
            batches);
    }
}

/// <summary>One batch's part of a booked count: what it held at the capture time and what was booked.</summary>
[Manifest("stock.photo-count-batch-result.v1")]
public sealed record PhotoCountBatchResult(Guid BatchId, int LedgerBefore, int Booked, MovementType? Type, int Unbooked, bool Superseded) : IDemeterMessage;

/// <summary>What a claro answers a photo session that books its count: where the count stands now.</summary>
[Manifest("stock.photo-count-reply.v1")]
public sealed record PhotoCountReply(Guid SessionId, bool Accepted, string? RejectionCode, string? RejectionReason, PhotoCountBooking? Booking) : IDemeterMessage;
