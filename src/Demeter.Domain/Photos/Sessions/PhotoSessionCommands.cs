using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Sessions;

public interface IPhotoSessionCommand : IDemeterMessage
{
    Guid SessionId { get; }
}

/// <summary>A stored photo, where it came from, and where (if known) it was taken.</summary>
[Manifest("photo.photo-ref.v1")]
public sealed record PhotoRef(string BlobId, string ContentType, long SizeBytes, int WidthPx, int HeightPx) : IDemeterMessage;

[Manifest("photo.start-session.v1")]
public sealed record StartPhotoSession(
    Guid SessionId, PhotoRef Photo, int? StorageLocationId, double? Latitude, double? Longitude, DateTimeOffset At)
    : IPhotoSessionCommand;

/// <summary>The outcome of locating the photo: a claro, or none (then the session needs a location).</summary>
[Manifest("photo.resolve-location.v1")]
public sealed record ResolveLocation(Guid SessionId, int? StorageLocationId, double? DistanceM, string Method, DateTimeOffset At)
    : IPhotoSessionCommand;

[Manifest("photo.begin-processing.v1")]
public sealed record BeginProcessing(Guid SessionId, int Tiles, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.complete-processing.v1")]
public sealed record CompleteProcessing(Guid SessionId, PhotoCountResult Result, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.fail-processing.v1")]
public sealed record FailProcessing(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>The stock ledger has the session's count (saga step acknowledged).</summary>
[Manifest("photo.mark-count-booked.v1")]
public sealed record MarkCountBooked(Guid SessionId, Guid BatchId, Guid MovementId, DateTimeOffset At) : IPhotoSessionCommand;

/// <summary>The ledger refused the session's count for good (e.g. the claro's batch belongs elsewhere): stop retrying, keep the reason.</summary>
[Manifest("photo.record-booking-rejection.v1")]
public sealed record RecordBookingRejection(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionCommand;

[Manifest("photo.get-session.v1")]
public sealed record GetPhotoSession(Guid SessionId) : IPhotoSessionCommand;
