using Demeter.Domain.Stock;

namespace Demeter.Domain.StorageLocations;

/// <summary>The next thing a claro's entity must do for its photo counts (see <see cref="StorageLocationDecider.Next"/>).</summary>
public abstract record StorageLocationStep;

/// <summary>Ask these batches what they held at the capture time, then hand the answers back as <see cref="ApplyCountBalances"/>.</summary>
public sealed record QueryCountBalances(Guid SessionId, DateTimeOffset CapturedAt, IReadOnlyList<Guid> BatchIds) : StorageLocationStep;

/// <summary>Have a batch book its part of a count (idempotent by session), then report it as <see cref="RecordCountBooked"/>.</summary>
public sealed record SendVerifyCount(Guid SessionId, VerifyCount Command) : StorageLocationStep;

/// <summary>Tell the photo session how its count stands, until it acknowledges (<see cref="RecordSessionNotified"/>).</summary>
public sealed record NotifyPhotoSession(Guid SessionId, PhotoCountBooking Booking) : StorageLocationStep;
