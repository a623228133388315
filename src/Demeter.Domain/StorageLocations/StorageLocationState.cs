using System.Collections.Immutable;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Domain.StorageLocations;

/// <summary>A batch as the claro knows it: its identity, and whether its key is still routed to it.</summary>
public sealed record BatchEntry(Guid BatchId, BatchIdentity Identity, bool Archived, DateTimeOffset AssignedAt);

/// <summary>A movement id spent on a batch through this claro, with the content it stood for.</summary>
public sealed record RoutedMovement(long Fingerprint, Guid BatchId);

/// <summary>
/// The stock side of one claro: its configs (one active at most, the rest history), its bins, which batch
/// holds which key, its latest count and its photo counts. Quantities live in the batches.
/// </summary>
[Manifest("stock.storage-location-state.v1")]
public sealed record StorageLocationState(
    int StorageLocationId,
    ImmutableList<StorageLocationConfig> Configs,
    ImmutableDictionary<Guid, StorageBin> Bins,
    ImmutableDictionary<Guid, BatchEntry> Batches,
    ImmutableDictionary<string, int> CodeSequences,
    ImmutableDictionary<Guid, RoutedMovement> Routed,
    DateTimeOffset? LatestCountAt,
    ImmutableDictionary<Guid, StoragePhotoCount> PhotoCounts) : IDemeterMessage
{
    public static StorageLocationState Empty(int storageLocationId) => new(
        storageLocationId, [], ImmutableDictionary<Guid, StorageBin>.Empty, ImmutableDictionary<Guid, BatchEntry>.Empty,
        ImmutableDictionary<string, int>.Empty, ImmutableDictionary<Guid, RoutedMovement>.Empty, null,
        ImmutableDictionary<Guid, StoragePhotoCount>.Empty);

    public StorageLocationConfig? ActiveConfig => Configs.LastOrDefault(c => c.Active);

    /// <summary>Work the claro still owes someone (a count to split or book, a session to tell): it must not passivate.</summary>
    public bool HasPendingWork => PhotoCounts.Values.Any(c => c.Status is PhotoCountStatus.Pending or PhotoCountStatus.Allocated || c.OwesNotice);

    /// <summary>The batches the claro routes to: not archived.</summary>
    public IEnumerable<BatchEntry> OpenBatches => Batches.Values.Where(b => !b.Archived).OrderBy(b => b.AssignedAt).ThenBy(b => b.BatchId);
}
