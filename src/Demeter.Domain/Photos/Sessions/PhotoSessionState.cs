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
    IReadOnlyList<FailedAttempt>? FailedAttempts = null,
    PhotoCountValidation? Validation = null,
    PhotoSessionDeletion? Deletion = null,
    string? TraceParent = null) : IDemeterMessage
{
    public static PhotoSessionState Empty(Guid sessionId) =>
        new(sessionId, PhotoSessionStatus.None, null, null, null, null, null, null, null, null, null, null, null, null);

    public bool Exists => Status != PhotoSessionStatus.None;

    /// <summary>Counted with a claro but not yet in the ledger: the saga still owes a booking.</summary>
    public bool AwaitsBooking => Status == PhotoSessionStatus.Counted && StorageLocationId is not null;
}

/// <summary>An attempt of a session that failed, kept when the session is run again.</summary>
public sealed record FailedAttempt(int Attempt, string Reason, DateTimeOffset FailedAt);

/// <summary>
/// A supervisor's validation of the count, and whether it has reached the calibration: <see cref="CalibrationVersion"/>
/// once it has, <see cref="CalibrationRefusal"/> if it was refused; both null while it is on its way (or when the count
/// had no calibration key: the claro had no config).
/// </summary>
public sealed record PhotoCountValidation(
    int ValidatedTotal, int Counted, string? Note, string User, DateTimeOffset At, bool Delivered = false, int? CalibrationVersion = null, string? CalibrationRefusal = null);

/// <summary>Who hid a session from the gallery, when and why.</summary>
public sealed record PhotoSessionDeletion(string User, DateTimeOffset At, string? Reason);
