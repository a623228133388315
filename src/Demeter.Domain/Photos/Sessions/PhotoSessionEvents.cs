using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Sessions;

public interface IPhotoSessionEvent : IDomainEvent
{
    Guid SessionId { get; }
}

[Manifest("photo.session-started.v1")]
public sealed record PhotoSessionStarted(
    Guid SessionId, PhotoRef Photo, int? StorageLocationId, double? Latitude, double? Longitude, DateTimeOffset At)
    : IPhotoSessionEvent;

[Manifest("photo.session-located.v1")]
public sealed record PhotoSessionLocated(Guid SessionId, int StorageLocationId, double? DistanceM, string Method, DateTimeOffset At)
    : IPhotoSessionEvent;

[Manifest("photo.session-needs-location.v1")]
public sealed record PhotoSessionNeedsLocation(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.processing-started.v1")]
public sealed record PhotoProcessingStarted(Guid SessionId, int Tiles, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.session-completed.v1")]
public sealed record PhotoSessionCompleted(Guid SessionId, PhotoCountResult Result, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.session-failed.v1")]
public sealed record PhotoSessionFailed(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.count-booking-rejected.v1")]
public sealed record PhotoCountBookingRejected(Guid SessionId, string Reason, DateTimeOffset At) : IPhotoSessionEvent;

[Manifest("photo.count-booked.v1")]
public sealed record PhotoCountBooked(Guid SessionId, Guid BatchId, Guid MovementId, DateTimeOffset At) : IPhotoSessionEvent;
