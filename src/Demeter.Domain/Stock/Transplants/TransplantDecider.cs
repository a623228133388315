using Demeter.Domain.Messaging;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Stock.Transplants;

/// <summary>The next step of a transplant: a command for a batch or a claro (see <see cref="TransplantDecider.Next"/>).</summary>
public abstract record TransplantStep;

public sealed record DebitSource(RecordMovement Command) : TransplantStep;

public sealed record CreditTarget(BookMovementByKey Command) : TransplantStep;

public sealed record ReturnToSource(RecordMovement Command) : TransplantStep;

/// <summary>
/// A transplant as a persisted process: debit the source, credit the destination, each step idempotent (its
/// movement id is minted at the start) and retried until it is acknowledged; if the destination refuses for
/// good, the plants are returned to the source. Every path ends with both effects or neither.
/// </summary>
public static class TransplantDecider
{
    public const string CompensationReason = "Returned: the destination refused the transplant.";

    public static Decision<ITransplantEvent> Decide(TransplantState state, ITransplantCommand command) => command switch
    {
        StartTransplant s => Start(state, s),
        GetTransplant => Decision<ITransplantEvent>.AlreadyDone(),
        _ when !state.Exists => Decision<ITransplantEvent>.Reject("transplant-not-found", $"Transplant {command.TransplantId} does not exist."),
        RecordSourceDebited d when state.Status == TransplantStatus.Started =>
            Decision<ITransplantEvent>.Accept(new TransplantSourceDebited(state.TransplantId, d.Source, d.At)),
        RecordSourceRefused r when state.Status == TransplantStatus.Started =>
            Decision<ITransplantEvent>.Accept(new TransplantRejected(state.TransplantId, r.Code, r.Reason, r.Available, r.At)),
        RecordTargetCredited c when state.Status == TransplantStatus.SourceDebited =>
            Decision<ITransplantEvent>.Accept(new TransplantCompleted(state.TransplantId, c.ToBatchId, c.At)),
        RecordTargetRefused r when state.Status == TransplantStatus.SourceDebited =>
            Decision<ITransplantEvent>.Accept(new TransplantCompensating(state.TransplantId, r.Code, r.Reason, r.At)),
        RecordTransplantCompensated c when state.Status == TransplantStatus.Compensating =>
            Decision<ITransplantEvent>.Accept(new TransplantCompensated(state.TransplantId, c.At)),

        // A late or repeated acknowledgement of a step already recorded.
        _ => Decision<ITransplantEvent>.AlreadyDone(),
    };

    private static Decision<ITransplantEvent> Start(TransplantState state, StartTransplant s)
    {
        if (state.Exists)
        {
            return state.Request!.Fingerprint == s.Request.Fingerprint
                ? Decision<ITransplantEvent>.AlreadyDone()
                : Decision<ITransplantEvent>.Reject(
                    StockRejections.IdempotencyKeyReused,
                    $"Transplant {s.TransplantId} was already requested with other content; a new transplant needs a new movementId.");
        }

        var r = s.Request;
        if (s.TransplantId == Guid.Empty || r.FromBatchId == Guid.Empty)
        {
            return Decision<ITransplantEvent>.Reject(StockRejections.InvalidId, "A transplant needs its movementId and the source batch id.");
        }

        if (r.Quantity <= 0)
        {
            return Decision<ITransplantEvent>.Reject(StockRejections.InvalidQuantity, "The quantity to transplant must be greater than zero.");
        }

        if (r.ToStorageLocationId <= 0 || r.ProductId is <= 0 || r.ProductStateId is <= 0 || r.ProductSizeId is <= 0 || r.PackagingId is <= 0)
        {
            return Decision<ITransplantEvent>.Reject(StockRejections.InvalidId, "Storage location, product, state, size and packaging ids are positive numbers.");
        }

        if (r.Notes?.Length > MovementDetails.MaxNotesLength)
        {
            return Decision<ITransplantEvent>.Reject(StockRejections.TextTooLong, $"The notes may have at most {MovementDetails.MaxNotesLength} characters.");
        }

        Guid[] minted = [s.OutMovementId, s.InMovementId, s.CompensationMovementId, s.NewBatchId, s.NewBinId];
        if (minted.Any(id => id == Guid.Empty) || minted.Distinct().Count() != minted.Length)
        {
            return Decision<ITransplantEvent>.Reject(StockRejections.InvalidId, "A transplant's steps need distinct fresh ids.");
        }

        return Decision<ITransplantEvent>.Accept(new TransplantStarted(
            s.TransplantId, r, s.OutMovementId, s.InMovementId, s.CompensationMovementId, s.NewBatchId, s.NewBinId, s.At));
    }

    /// <summary>The step the transplant owes now, or null once it is finished.</summary>
    public static TransplantStep? Next(TransplantState state)
    {
        if (state.Request is not { } r)
        {
            return null;
        }

        var at = state.CreatedAt!.Value;
        var details = new MovementDetails(r.User, MovementSource.Manual, Notes: r.Notes, TransplantId: state.TransplantId);
        return state.Status switch
        {
            TransplantStatus.Started => new DebitSource(
                new RecordMovement(r.FromBatchId, state.OutMovementId, MovementType.Transplante, -r.Quantity, at, details)),
            TransplantStatus.SourceDebited => new CreditTarget(new BookMovementByKey(
                r.ToStorageLocationId,
                state.InMovementId,
                MovementType.Transplante,
                r.Quantity,
                at,
                TargetKey(r, state.Source!),
                details,
                state.NewBatchId,
                state.NewBinId)),
            TransplantStatus.Compensating => new ReturnToSource(new RecordMovement(
                r.FromBatchId, state.CompensationMovementId, MovementType.Transplante, r.Quantity, state.CompensatingAt ?? at,
                details with { Reason = CompensationReason })),
            _ => null,
        };
    }

    /// <summary>The destination lot: the source's product, state, size and packaging, each replaced where the request names one.</summary>
    public static BatchKeyRequest TargetKey(TransplantRequest r, BatchKey source) => new(
        r.ProductId ?? source.ProductId,
        r.ProductId is null ? source.ProductName : null,
        r.ProductStateId ?? source.ProductStateId,
        r.ProductSizeId ?? source.ProductSizeId,
        r.PackagingId ?? source.PackagingId,
        r.ToBinId,
        r.ToBinCategory);

    public static TransplantState Evolve(TransplantState state, ITransplantEvent @event) => @event switch
    {
        TransplantStarted e => state with
        {
            Status = TransplantStatus.Started,
            Request = e.Request,
            OutMovementId = e.OutMovementId,
            InMovementId = e.InMovementId,
            CompensationMovementId = e.CompensationMovementId,
            NewBatchId = e.NewBatchId,
            NewBinId = e.NewBinId,
            CreatedAt = e.At,
        },
        TransplantSourceDebited e => state with { Status = TransplantStatus.SourceDebited, Source = e.Source },
        TransplantRejected e => state with
        {
            Status = TransplantStatus.Rejected,
            ErrorCode = e.Code,
            Error = e.Reason,
            Available = e.Available,
            FinishedAt = e.At,
        },
        TransplantCompleted e => state with { Status = TransplantStatus.Completed, ToBatchId = e.ToBatchId, FinishedAt = e.At },
        TransplantCompensating e => state with { Status = TransplantStatus.Compensating, ErrorCode = e.Code, Error = e.Reason, CompensatingAt = e.At },
        TransplantCompensated e => state with { Status = TransplantStatus.Compensated, FinishedAt = e.At },
        _ => state,
    };
}

/// <summary>What a transplant answers: the outcome of the command and the transplant as it now is.</summary>
[Manifest("stock.transplant-reply.v1")]
public sealed record TransplantReply(bool Accepted, string? RejectionCode, string? RejectionReason, TransplantState Transplant) : IDemeterMessage;
