using Demeter.Domain.Messaging;
using static Demeter.Domain.Stock.StockRejections;

namespace Demeter.Domain.Stock;

/// <summary>
/// The rules of one stock batch. Quantities never go below zero, at any point of the batch's history;
/// every sum is checked against overflow; each movement id is applied once, and reusing it for other
/// content is refused. A count (<see cref="VerifyCount"/>) is booked as of its own time: the difference to
/// the ledger then becomes a movement at that time, and movements booked after it stay in force.
/// </summary>
public static class StockBatchDecider
{
    public const string PhotoHigherReason = "Photo count higher than the ledger: counting error or unrecorded movements.";
    public const string PhotoLowerReason = "Sales inferred from a photo count lower than the ledger.";

    public static Decision<IStockBatchEvent> Decide(StockBatchState state, IStockBatchCommand command) => command switch
    {
        RecordMovement m => Record(state, m),
        VerifyCount c => Count(state, c),
        ArchiveBatch a => Archive(state, a),
        GetBatch or GetLedgerAt => Decision<IStockBatchEvent>.AlreadyDone(),
        _ => Reject(UnsupportedMovement, $"Unknown command {command.GetType().Name}."),
    };

    private static Decision<IStockBatchEvent> Record(StockBatchState state, RecordMovement m)
    {
        if (m.MovementId == Guid.Empty)
        {
            return Reject(InvalidId, "movementId must be a non-empty UUID chosen by the client and reused on retries.");
        }

        var fingerprint = MovementFingerprint.Of(m.Type, m.Quantity, m.Details);
        if (state.Applied.TryGetValue(m.MovementId, out var applied))
        {
            return applied.Fingerprint == fingerprint
                ? Decision<IStockBatchEvent>.AlreadyDone()
                : Reject(
                    IdempotencyKeyReused,
                    $"Movement {m.MovementId} was already booked on this batch as {applied.Type.ToCode()} {applied.SignedQuantity:+#;-#;0} " +
                    "with other content; a retry must repeat it exactly, and a new movement needs a new movementId.");
        }

        if (TextProblem(m.Details) is { } text)
        {
            return text;
        }

        if (Presence(state, m.Open) is { } missing)
        {
            return missing;
        }

        if (Signed(m) is not { } signed)
        {
            return SignProblem(m);
        }

        if (m.Type == MovementType.ManualInit && state.Exists && state.Quantity > 0)
        {
            return Reject(
                AlreadyInitialized,
                $"Batch {state.Identity!.Code} already holds {state.Quantity} plants: a manual init is the first count of a lot; " +
                "book a movement or an ajuste instead.",
                state.Quantity);
        }

        decimal? total = null;
        if (m.Details.UnitPrice is { } price)
        {
            if (m.Type != MovementType.Ventas)
            {
                return Reject(InvalidPrice, "Only a sale (ventas) carries a unit price.");
            }

            if (price < 0)
            {
                return Reject(InvalidPrice, "The unit price cannot be negative.");
            }

            total = price * Math.Abs(signed);
        }

        // Never before the latest count: what came before it is frozen, and a count's verification must not move.
        var at = state.FrozenBefore is { } frozen && m.At < frozen ? frozen : m.At;
        var after = (long)state.Quantity + signed;
        if (after > int.MaxValue)
        {
            return Reject(QuantityOverflow, $"The batch cannot hold more than {int.MaxValue} plants (it holds {state.Quantity}).");
        }

        var lowest = state.MinBalanceFrom(at);
        if (lowest + signed < 0)
        {
            var available = (int)Math.Max(0, lowest);
            return Reject(
                InsufficientStock,
                $"Insufficient stock: the batch holds {available} plants, the movement takes {-signed}.",
                available);
        }

        var empty = (long)state.EmptyContainers + (m.Type == MovementType.Muerte ? -signed : 0);
        if (empty > int.MaxValue)
        {
            return Reject(QuantityOverflow, $"The batch cannot record more than {int.MaxValue} empty containers.");
        }

        var events = new List<IStockBatchEvent>();
        if (!state.Exists)
        {
            events.Add(new BatchOpened(m.BatchId, m.Open!, at));
        }

        events.Add(new MovementRecorded(m.BatchId, m.MovementId, m.Type, signed, at, (int)after, (int)empty, m.Details, fingerprint, total));
        return Decision<IStockBatchEvent>.Accept(events);
    }

    private static int? Signed(RecordMovement m) => m.Type switch
    {
        MovementType.Plantar or MovementType.Sembrar or MovementType.Muerte or MovementType.Ventas or MovementType.ManualInit
            when m.Quantity > 0 => m.Type.Direction() * m.Quantity,
        MovementType.Ajuste when m.Quantity != 0 && !string.IsNullOrWhiteSpace(m.Details.Reason) => m.Quantity,
        MovementType.Transplante when m.Quantity != 0 && m.Details.TransplantId is not null => m.Quantity,
        _ => null,
    };

    private static Decision<IStockBatchEvent> SignProblem(RecordMovement m) => m.Type switch
    {
        MovementType.Foto => Reject(UnsupportedMovement, "A foto movement is booked by a photo count, not sent as a movement."),
        MovementType.Transplante when m.Details.TransplantId is null =>
            Reject(UnsupportedMovement, "A transplante is booked by a transplant (POST /api/v1/stock/transplants), which moves both sides."),
        MovementType.Ajuste when m.Quantity != 0 => Reject(ReasonRequired, "An ajuste needs a reason."),
        MovementType.Ajuste or MovementType.Transplante => Reject(InvalidQuantity, "The quantity must not be zero."),
        _ => Reject(InvalidQuantity, "The quantity must be greater than zero; the movement type gives the direction."),
    };

    private static Decision<IStockBatchEvent> Count(StockBatchState state, VerifyCount c)
    {
        if (c.Counted < 0)
        {
            return Reject(InvalidQuantity, "A count cannot be negative.");
        }

        if (state.Counts.ContainsKey(c.CountId))
        {
            return Decision<IStockBatchEvent>.AlreadyDone();
        }

        if (Presence(state, c.Open) is { } missing)
        {
            return missing;
        }

        if (state.FrozenBefore is { } frozen && c.At < frozen)
        {
            return Decision<IStockBatchEvent>.Accept(new BatchCountSuperseded(c.BatchId, c.CountId, c.At, c.Counted));
        }

        var before = (int)state.BalanceAt(c.At);
        var difference = (long)c.Counted - before;
        var booked = difference;
        if (difference < 0)
        {
            // Later outbound movements may already have taken some of the plants the count says were gone:
            // book only what keeps every later balance at zero or above, and report the rest.
            booked = Math.Max(difference, -state.MinBalanceFrom(c.At));
        }
        else if (state.Quantity + difference > int.MaxValue)
        {
            return Reject(QuantityOverflow, $"The batch cannot hold more than {int.MaxValue} plants.");
        }

        var events = new List<IStockBatchEvent>();
        if (!state.Exists)
        {
            events.Add(new BatchOpened(c.BatchId, c.Open!, c.At));
        }

        Guid? movementId = null;
        if (booked != 0)
        {
            var details = booked > 0
                ? state.Untouched
                    ? new MovementDetails(c.User, MovementSource.Ia, SessionId: c.CountId)
                    : new MovementDetails(c.User, MovementSource.Reconciliation, PhotoHigherReason, SessionId: c.CountId, NeedsReview: true)
                : new MovementDetails(c.User, MovementSource.Reconciliation, PhotoLowerReason, SessionId: c.CountId);
            var type = booked > 0 ? state.Untouched ? MovementType.Foto : MovementType.Ajuste : MovementType.Ventas;
            var signed = (int)booked;
            events.Add(new MovementRecorded(
                c.BatchId, c.MovementId, type, signed, c.At, state.Quantity + signed, state.EmptyContainers, details,
                MovementFingerprint.Of(type, signed, details), null));
            movementId = c.MovementId;
        }

        events.Add(new BatchCounted(c.BatchId, c.CountId, c.At, c.Counted, before, (int)booked, (int)(booked - difference), movementId));
        return Decision<IStockBatchEvent>.Accept(events);
    }

    private static Decision<IStockBatchEvent> Archive(StockBatchState state, ArchiveBatch a)
    {
        if (!state.Exists)
        {
            return Reject(BatchNotFound, $"Batch {a.BatchId} does not exist.");
        }

        if (state.Archived)
        {
            return Decision<IStockBatchEvent>.AlreadyDone();
        }

        return state.Quantity > 0
            ? Reject(BatchNotEmpty, $"Batch {state.Identity!.Code} still holds {state.Quantity} plants; only a depleted batch is archived.", state.Quantity)
            : Decision<IStockBatchEvent>.Accept(new BatchArchived(a.BatchId, a.At, a.User));
    }

    /// <summary>Null when the command may go on: the batch exists (or is to be opened with that identity) and is not archived.</summary>
    private static Decision<IStockBatchEvent>? Presence(StockBatchState state, BatchIdentity? open)
    {
        if (!state.Exists)
        {
            return open is null ? Reject(BatchNotFound, $"Batch {state.BatchId} does not exist.") : null;
        }

        if (open is not null && !open.Key.SameLotAs(state.Identity!.Key))
        {
            return Reject(BatchKeyMismatch, $"Batch {state.Identity.Code} is another lot than the one asked for.");
        }

        return state.Archived ? Reject(BatchIsArchived, $"Batch {state.Identity!.Code} is archived and takes no movements.") : null;
    }

    private static Decision<IStockBatchEvent>? TextProblem(MovementDetails details) =>
        details.Reason?.Length > MovementDetails.MaxReasonLength
            ? Reject(TextTooLong, $"The reason may have at most {MovementDetails.MaxReasonLength} characters.")
            : details.Notes?.Length > MovementDetails.MaxNotesLength
                ? Reject(TextTooLong, $"The notes may have at most {MovementDetails.MaxNotesLength} characters.")
                : null;

    private static Decision<IStockBatchEvent> Reject(string code, string reason, int? available = null) =>
        Decision<IStockBatchEvent>.Reject(code, reason, available);

    public static StockBatchState Evolve(StockBatchState state, IStockBatchEvent @event) => @event switch
    {
        BatchOpened e => state with { Identity = e.Identity, OpenedAt = e.At, UpdatedAt = e.At },
        MovementRecorded e => Apply(state, e),
        BatchCounted e => Counted(state, e),
        BatchCountSuperseded e => state with
        {
            Counts = state.Counts.SetItem(e.CountId, new CountOutcome(e.At, e.Counted, 0, 0, 0, null, null, Superseded: true)),
        },
        BatchArchived e => state with { Archived = true, UpdatedAt = Later(state.UpdatedAt, e.At) },
        _ => state,
    };

    private static StockBatchState Apply(StockBatchState state, MovementRecorded e)
    {
        var entries = LedgerTimeline.Insert(state.SinceVerified, new LedgerEntry(e.At, e.SignedQuantity));
        var folded = state.FoldedUntil;
        if (entries.Count > LedgerTimeline.MaxEntries)
        {
            folded = entries[entries.Count - LedgerTimeline.MaxEntries - 1].At;
            entries = LedgerTimeline.After(entries, folded.Value);
        }

        var next = state with
        {
            Quantity = e.QuantityAfter,
            QuantityInitial = state.Untouched ? e.QuantityAfter : state.QuantityInitial,
            EmptyContainers = e.EmptyContainersAfter,
            Applied = state.Applied.SetItem(e.MovementId, new AppliedMovement(e.Fingerprint, e.Type, e.SignedQuantity, e.QuantityAfter, e.At)),
            SinceVerified = entries,
            FoldedUntil = folded,
            UpdatedAt = Later(state.UpdatedAt, e.At),
        };

        // A manual init is a count: it is the batch's verified baseline from its time on.
        return e.Type != MovementType.ManualInit
            ? next
            : next with { VerifiedAt = Later(state.VerifiedAt, e.At), SinceVerified = LedgerTimeline.After(next.SinceVerified, e.At) };
    }

    private static StockBatchState Counted(StockBatchState state, BatchCounted e)
    {
        var type = e.MovementId is { } id && state.Applied.TryGetValue(id, out var m) ? m.Type : (MovementType?)null;
        return state with
        {
            VerifiedAt = e.At,
            SinceVerified = LedgerTimeline.After(state.SinceVerified, e.At),
            Counts = state.Counts.SetItem(e.CountId, new CountOutcome(e.At, e.Counted, e.LedgerBefore, e.Booked, e.Unbooked, e.MovementId, type, Superseded: false)),
            UpdatedAt = Later(state.UpdatedAt, e.At),
        };
    }

    private static DateTimeOffset Later(DateTimeOffset? a, DateTimeOffset b) => a is { } x && x > b ? x : b;
}
