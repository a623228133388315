using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock.Transplants;

/// <summary>
/// Where a transplant stands. Started: the source is to be debited. SourceDebited: the plants are out of the
/// source and owed to the destination. Compensating: the destination refused for good; the plants are owed
/// back to the source. Completed, Compensated and Rejected are final: both effects, or neither.
/// </summary>
public enum TransplantStatus
{
    None,
    Started,
    SourceDebited,
    Completed,
    Compensating,
    Compensated,
    Rejected,
}

/// <summary>One transplant; also its snapshot and its view.</summary>
[Manifest("stock.transplant-state.v1")]
public sealed record TransplantState(
    Guid TransplantId,
    TransplantStatus Status,
    TransplantRequest? Request,
    Guid OutMovementId,
    Guid InMovementId,
    Guid CompensationMovementId,
    Guid NewBatchId,
    Guid NewBinId,
    BatchKey? Source,
    Guid? ToBatchId,
    string? ErrorCode,
    string? Error,
    int? Available,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? CompensatingAt) : IDemeterMessage
{
    public static TransplantState Empty(Guid transplantId) =>
        new(transplantId, TransplantStatus.None, null, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, null, null, null, null, null, null, null, null);

    public bool Exists => Status != TransplantStatus.None;

    public bool Finished => Status is TransplantStatus.Completed or TransplantStatus.Compensated or TransplantStatus.Rejected;
}
