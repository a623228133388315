using Demeter.Domain.Messaging;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>One photo session; also its snapshot and its query view.</summary>
[Manifest("photo.session-state.v2")]
public sealed record PhotoSessionState(
    Guid SessionId,
    PhotoSessionStatus Status,
    PhotoRef? Photo,
    int? StorageLocationId,
    double? Latitude,
    double? Longitude,
    CaptureTime? CapturedAt,
    string? User,
    PhotoCountResult? Result,
    PhotoCountBooking? Booking,
    string? Error,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? GpsProblem = null,
    int Attempt = 1,
    IReadOnlyList<FailedAttempt>? FailedAttempts = null) : IDemeterMessage
{
    public static PhotoSessionState Empty(Guid sessionId) =>
        new(sessionId, PhotoSessionStatus.None, null, null, null, null, null, null, null, null, null, null, null, null);

    public bool Exists => Status != PhotoSessionStatus.None;

    /// <summary>Counted with a claro but not yet in the ledger: the saga still owes a booking.</summary>
    public bool AwaitsBooking => Status == PhotoSessionStatus.Counted && StorageLocationId is not null;
}

/// <summary>An attempt of a session that failed, kept when the session is run again.</summary>
public sealed record FailedAttempt(int Attempt, string Reason, DateTimeOffset FailedAt);
