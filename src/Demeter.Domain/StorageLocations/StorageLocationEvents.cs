using System.Collections.Immutable;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Domain.StorageLocations;

public interface IStorageLocationEvent : IDomainEvent
{
    int StorageLocationId { get; }
}

[Manifest("stock.storage-bin-registered.v1")]
public sealed record StorageBinRegistered(int StorageLocationId, StorageBin Bin) : IStorageLocationEvent;

[Manifest("stock.storage-bin-status-changed.v1")]
public sealed record StorageBinStatusChanged(int StorageLocationId, Guid BinId, StorageBinStatus Status, string? Reason, string User, DateTimeOffset At)
    : IStorageLocationEvent;

/// <summary>The claro's lot for a key is this batch from now on (it opens with its first movement).</summary>
[Manifest("stock.batch-assigned.v1")]
public sealed record BatchAssigned(int StorageLocationId, Guid BatchId, BatchIdentity Identity, DateTimeOffset At) : IStorageLocationEvent;

[Manifest("stock.storage-location-batch-archived.v1")]
public sealed record StorageLocationBatchArchived(int StorageLocationId, Guid BatchId, DateTimeOffset At) : IStorageLocationEvent;

/// <summary>A movement addressed by key was booked on <see cref="BatchId"/>; its id is spent for that content.</summary>
[Manifest("stock.movement-routed.v1")]
public sealed record MovementRouted(int StorageLocationId, Guid MovementId, long Fingerprint, Guid BatchId, MovementType Type, DateTimeOffset At)
    : IStorageLocationEvent;

[Manifest("stock.storage-location-configured.v1")]
public sealed record StorageLocationConfigured(int StorageLocationId, StorageLocationConfig Config) : IStorageLocationEvent;

[Manifest("stock.storage-location-config-updated.v1")]
public sealed record StorageLocationConfigUpdated(int StorageLocationId, StorageLocationConfig Config) : IStorageLocationEvent;

[Manifest("stock.storage-location-config-deactivated.v1")]
public sealed record StorageLocationConfigDeactivated(int StorageLocationId, Guid ConfigId, DateTimeOffset At) : IStorageLocationEvent;

[Manifest("stock.photo-count-received.v1")]
public sealed record PhotoCountReceived(
    int StorageLocationId, Guid SessionId, DateTimeOffset CapturedAt, int Counted, string User, DateTimeOffset At, IReadOnlyList<CategoryCount>? Categories = null)
    : IStorageLocationEvent;

/// <summary>A count waiting for a config is taken up again (the claro was configured).</summary>
[Manifest("stock.photo-count-requeued.v1")]
public sealed record PhotoCountRequeued(int StorageLocationId, Guid SessionId, DateTimeOffset At) : IStorageLocationEvent;

[Manifest("stock.photo-count-superseded.v2")]
public sealed record PhotoCountSuperseded(
    int StorageLocationId, Guid SessionId, DateTimeOffset CapturedAt, int Counted, string User, DateTimeOffset LatestCountAt, DateTimeOffset At)
    : IStorageLocationEvent;

[Manifest("stock.photo-count-needs-config.v1")]
public sealed record PhotoCountNeedsConfig(int StorageLocationId, Guid SessionId, string Reason, DateTimeOffset At) : IStorageLocationEvent;

[Manifest("stock.photo-count-allocated.v1")]
public sealed record PhotoCountAllocated(int StorageLocationId, Guid SessionId, DateTimeOffset CapturedAt, ImmutableList<CountAllocation> Allocations, DateTimeOffset At)
    : IStorageLocationEvent;

[Manifest("stock.photo-count-batch-booked.v1")]
public sealed record PhotoCountBatchBooked(int StorageLocationId, Guid SessionId, Guid BatchId, CountOutcome Outcome, DateTimeOffset At) : IStorageLocationEvent;

/// <summary>Every batch booked its part: the count is in the ledger.</summary>
[Manifest("stock.photo-count-booked.v1")]
public sealed record PhotoCountBooked(int StorageLocationId, Guid SessionId, PhotoCountBooking Booking, DateTimeOffset At) : IStorageLocationEvent;

[Manifest("stock.photo-count-session-notified.v1")]
public sealed record PhotoCountSessionNotified(int StorageLocationId, Guid SessionId, PhotoCountStatus Status, DateTimeOffset At) : IStorageLocationEvent;
