using Demeter.Domain.Common;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>One photo session; also its snapshot and its query view.</summary>
[Manifest("photo.session-state.v1")]
public sealed record PhotoSessionState(
    Guid SessionId,
    PhotoSessionStatus Status,
    PhotoRef? Photo,
    int? StorageLocationId,
    double? Latitude,
    double? Longitude,
    PhotoCountResult? Result,
    string? Error,
    Guid? BookedBatchId,
    string? BookingError,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt) : IDemeterMessage
{
    public static PhotoSessionState Empty(Guid sessionId) =>
        new(sessionId, PhotoSessionStatus.None, null, null, null, null, null, null, null, null, null, null, null);

    public bool Exists => Status != PhotoSessionStatus.None;

    /// <summary>Completed with a claro but the count is not yet in the ledger: the saga still owes a booking.</summary>
    public bool AwaitsBooking =>
        Status == PhotoSessionStatus.Completed && StorageLocationId is not null && BookedBatchId is null && BookingError is null;

    /// <summary>The batch that holds the photo counts of a claro (one per claro until classification splits them).</summary>
    public static Guid PhotoBatchIdFor(int storageLocationId) => DeterministicGuid.Create($"photo-batch:{storageLocationId}");

    /// <summary>The foto movement of a session; retries reuse it, so the ledger books it once.</summary>
    public static Guid FotoMovementIdFor(Guid sessionId) => DeterministicGuid.Create($"foto:{sessionId:N}");
}
