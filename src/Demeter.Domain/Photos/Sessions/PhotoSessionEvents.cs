using Demeter.Domain.Messaging;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Photos.Sessions;

public interface IPhotoSessionEvent : IDomainEvent
{
    Guid SessionId { get; }
}

[Manifest("photo.session-started.v2")]
public sealed record PhotoSessionStarted(
    Guid SessionId, PhotoRef Photo, int? StorageLocationId, double? Latitude, double? Longitude, CaptureTime CapturedAt, string User, DateTimeOffset At,
    string? GpsProblem = null, string? TraceParent = null)
    : IPhotoSessionEvent;

[Manifest("photo.session-located.v1")]
public sealed record PhotoSessionLocated(Guid SessionId, int StorageLocationId, double? DistanceM, string Method, DateTimeOffset At)
    : IPhotoSessionEvent;

[Manifest("photo.session-needs-location.v1")]
public sealed record PhotoSessionNeedsLocation(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.processing-started.v1")]
public sealed record PhotoProcessingStarted(Guid SessionId, int Tiles, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>The photo is counted; the count goes to the ledger next.</summary>
[Manifest("photo.session-counted.v1")]
public sealed record PhotoSessionCounted(Guid SessionId, PhotoCountResult Result, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.session-failed.v1")]
public sealed record PhotoSessionFailed(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.count-booking-rejected.v1")]
public sealed record PhotoCountBookingRejected(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>A failed session starts attempt <paramref name="Attempt"/> on the same photo; <paramref name="PreviousError"/> is why the last one failed.</summary>
[Manifest("photo.session-reprocessing.v1")]
public sealed record PhotoSessionReprocessing(Guid SessionId, int Attempt, string PreviousError, string User, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>The count is in the ledger (or superseded by a newer count there): the session is completed.</summary>
[Manifest("photo.session-completed.v2")]
public sealed record PhotoSessionCompleted(Guid SessionId, PhotoCountBooking Booking, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>The claro needs a config before the count can be booked; the claro books it once configured.</summary>
[Manifest("photo.session-needs-config.v1")]
public sealed record PhotoSessionNeedsConfig(Guid SessionId, PhotoCountBooking Booking, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>A supervisor validated the count as <paramref name="ValidatedTotal"/> (the pipeline had counted <paramref name="Counted"/>).</summary>
[Manifest("photo.count-validated.v1")]
public sealed record PhotoCountValidated(Guid SessionId, int ValidatedTotal, int Counted, string? Note, string User, DateTimeOffset At) : IPhotoSessionEvent;

/// <summary>The validated count reached the calibration of <paramref name="Key"/>: version <paramref name="Version"/>, or refused with <paramref name="Refusal"/>.</summary>
[Manifest("photo.count-calibration-recorded.v1")]
public sealed record PhotoCountCalibrationRecorded(Guid SessionId, string Key, int? Version, string? Refusal, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.session-deleted.v1")]
public sealed record PhotoSessionDeleted(Guid SessionId, string? Reason, string User, DateTimeOffset At) : IPhotoSessionEvent;
