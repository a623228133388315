using Demeter.Domain.Messaging;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Photos.Sessions;

public interface IPhotoSessionCommand : IDemeterMessage
{
    Guid SessionId { get; }
}

/// <summary>A stored photo, where it came from, and where (if known) it was taken.</summary>
[Manifest("photo.photo-ref.v1")]
public sealed record PhotoRef(string BlobId, string ContentType, long SizeBytes, int WidthPx, int HeightPx) : IDemeterMessage;

/// <summary>Starts a session for a stored photo; <see cref="CapturedAt"/> is the time its count will be booked as of.</summary>
/// <remarks><c>GpsProblem</c>: why the photo's own EXIF GPS could not be used, when it had unusable GPS tags.
/// <c>TraceParent</c>: the W3C trace context of the upload, so the photo's processing (on whichever node, after a
/// restart too) continues the upload's trace.</remarks>
[Manifest("photo.start-session.v2")]
public sealed record StartPhotoSession(
    Guid SessionId, PhotoRef Photo, int? StorageLocationId, double? Latitude, double? Longitude, CaptureTime CapturedAt, string User, DateTimeOffset At,
    string? GpsProblem = null, string? TraceParent = null)
    : IPhotoSessionCommand;

/// <summary>
/// The outcome of locating the photo by its GPS position: a claro (the one containing the point when
/// <paramref name="Inside"/>, else the nearest within range), or none (then the session needs a location).
/// </summary>
[Manifest("photo.resolve-location.v2")]
public sealed record ResolveLocation(Guid SessionId, int? StorageLocationId, double? DistanceM, bool Inside, DateTimeOffset At)
    : IPhotoSessionCommand;

/// <summary>An operator runs a failed session again: a new attempt on the same photo; the failure stays in its history.</summary>
[Manifest("photo.reprocess.v1")]
public sealed record ReprocessPhotoSession(Guid SessionId, string User, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>A person gives a session that needs a location its claro; the session then goes on and completes.</summary>
[Manifest("photo.assign-location.v1")]
public sealed record AssignStorageLocation(Guid SessionId, int StorageLocationId, string User, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.begin-processing.v1")]
public sealed record BeginProcessing(Guid SessionId, int Tiles, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.complete-processing.v1")]
public sealed record CompleteProcessing(Guid SessionId, PhotoCountResult Result, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.fail-processing.v1")]
public sealed record FailProcessing(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>Where the claro's ledger has the session's count: booked, superseded by a newer count, or waiting for a config.</summary>
[Manifest("photo.mark-count-booked.v2")]
public sealed record MarkCountBooked(Guid SessionId, PhotoCountBooking Booking, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>The ledger refused the session's count for good: stop retrying, keep the reason.</summary>
[Manifest("photo.record-booking-rejection.v1")]
public sealed record RecordBookingRejection(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>
/// A supervisor confirms (the same number) or corrects a completed session's count. The validated count is kept on the
/// session and teaches the calibration of the claro's product and packaging; the stock is not changed by it.
/// </summary>
[Manifest("photo.validate-count.v1")]
public sealed record ValidatePhotoCount(Guid SessionId, int ValidatedTotal, string? Note, string User, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>
/// The calibration took the session's sample of validated count <paramref name="ValidatedTotal"/> in (<paramref name="Version"/>),
/// or refused it for good (<paramref name="Refusal"/>). A reply about another validation than the session's latest (its
/// total and time, <paramref name="ValidatedAt"/>) changes nothing.
/// </summary>
[Manifest("photo.mark-calibration-recorded.v1")]
public sealed record MarkCalibrationRecorded(
    Guid SessionId, string Key, int ValidatedTotal, int? Version, string? Refusal, DateTimeOffset At, DateTimeOffset? ValidatedAt = null) : IPhotoSessionCommand;

[Manifest("photo.get-session.v1")]
public sealed record GetPhotoSession(Guid SessionId) : IPhotoSessionCommand;

/// <summary>Asks a session where it stands, with the tiles of its current attempt done so far (answered with <see cref="PhotoSessionProgress"/>).</summary>
[Manifest("photo.get-progress.v1")]
public sealed record GetPhotoSessionProgress(Guid SessionId) : IPhotoSessionCommand;

/// <summary>A session as it stands, and the tiles its processing has run of those it will run (null before processing).</summary>
[Manifest("photo.session-progress.v1")]
public sealed record PhotoSessionProgress(PhotoSessionState Session, int? TilesDone, int? TilesTotal) : IDemeterMessage;

/// <summary>Hides a settled session from the gallery (soft delete): its photo, count and booking stay, and so does who hid it and why.</summary>
[Manifest("photo.delete.v1")]
public sealed record DeletePhotoSession(Guid SessionId, string? Reason, string User, DateTimeOffset At) : IPhotoSessionCommand;
