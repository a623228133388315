using Demeter.Domain.Messaging;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Stock.Transplants;

/// <summary>
/// Move <see cref="Quantity"/> plants out of one batch into the matching lot of a claro (found or created there).
/// The destination lot is the source's product, state, size and packaging unless the request changes them (a
/// promotion to the next size, say).
/// </summary>
[Manifest("stock.transplant-request.v1")]
public sealed record TransplantRequest(
    Guid FromBatchId,
    int ToStorageLocationId,
    int Quantity,
    int? ProductId,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    Guid? ToBinId,
    StorageBinCategory? ToBinCategory,
    string User,
    string? Notes) : IDemeterMessage
{
    public long Fingerprint => MovementFingerprint.Of(
        MovementType.Transplante,
        Quantity,
        new MovementDetails(string.Empty, MovementSource.Manual, Notes: Notes),
        $"{FromBatchId:N}|{ToStorageLocationId}|{ProductId}|{ProductStateId}|{ProductSizeId}|{PackagingId}|{ToBinId:N}|{ToBinCategory}");
}

public interface ITransplantCommand : IDemeterMessage
{
    Guid TransplantId { get; }
}

/// <summary>Starts a transplant; every id its steps will use is minted now, so a retried step is the same step.</summary>
[Manifest("stock.start-transplant.v1")]
public sealed record StartTransplant(
    Guid TransplantId, TransplantRequest Request, Guid OutMovementId, Guid InMovementId, Guid CompensationMovementId, Guid NewBatchId, Guid NewBinId, DateTimeOffset At)
    : ITransplantCommand;

[Manifest("stock.record-source-debited.v1")]
public sealed record RecordSourceDebited(Guid TransplantId, BatchKey Source, DateTimeOffset At) : ITransplantCommand;

[Manifest("stock.record-source-refused.v1")]
public sealed record RecordSourceRefused(Guid TransplantId, string Code, string Reason, int? Available, DateTimeOffset At) : ITransplantCommand;

[Manifest("stock.record-target-credited.v1")]
public sealed record RecordTargetCredited(Guid TransplantId, Guid ToBatchId, DateTimeOffset At) : ITransplantCommand;

[Manifest("stock.record-target-refused.v1")]
public sealed record RecordTargetRefused(Guid TransplantId, string Code, string Reason, DateTimeOffset At) : ITransplantCommand;

[Manifest("stock.record-transplant-compensated.v1")]
public sealed record RecordTransplantCompensated(Guid TransplantId, DateTimeOffset At) : ITransplantCommand;

[Manifest("stock.get-transplant.v1")]
public sealed record GetTransplant(Guid TransplantId) : ITransplantCommand;

public interface ITransplantEvent : IDomainEvent
{
    Guid TransplantId { get; }
}

[Manifest("stock.transplant-started.v1")]
public sealed record TransplantStarted(
    Guid TransplantId, TransplantRequest Request, Guid OutMovementId, Guid InMovementId, Guid CompensationMovementId, Guid NewBatchId, Guid NewBinId, DateTimeOffset At)
    : ITransplantEvent;

[Manifest("stock.transplant-source-debited.v1")]
public sealed record TransplantSourceDebited(Guid TransplantId, BatchKey Source, DateTimeOffset At) : ITransplantEvent;

/// <summary>The source refused the debit: nothing moved.</summary>
[Manifest("stock.transplant-rejected.v1")]
public sealed record TransplantRejected(Guid TransplantId, string Code, string Reason, int? Available, DateTimeOffset At) : ITransplantEvent;

[Manifest("stock.transplant-completed.v1")]
public sealed record TransplantCompleted(Guid TransplantId, Guid ToBatchId, DateTimeOffset At) : ITransplantEvent;

/// <summary>The destination can never take the plants: they go back to the source.</summary>
[Manifest("stock.transplant-compensating.v1")]
public sealed record TransplantCompensating(Guid TransplantId, string Code, string Reason, DateTimeOffset At) : ITransplantEvent;

[Manifest("stock.transplant-compensated.v1")]
public sealed record TransplantCompensated(Guid TransplantId, DateTimeOffset At) : ITransplantEvent;
