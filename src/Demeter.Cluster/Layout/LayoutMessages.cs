using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Layout;

/// <summary>Which claro contains (or lies within 10 m of) a GPS fix.</summary>
[Manifest("layout.locate.v1")]
public sealed record LocateStorageLocation(double Latitude, double Longitude) : IDemeterMessage;

/// <summary>Whether a claro id is registered: asked of the layout itself, so it holds right after an import (the read model trails).</summary>
[Manifest("layout.find.v1")]
public sealed record FindStorageLocation(int StorageLocationId) : IDemeterMessage;

/// <summary>The answer to <see cref="LocateStorageLocation"/> and <see cref="FindStorageLocation"/>; no id means no claro.</summary>
[Manifest("layout.lookup.v1")]
public sealed record StorageLocationLookup(int? StorageLocationId, bool Inside, double? DistanceM) : IDemeterMessage;

/// <summary>The outcome of an import: what the layout now holds and how many events the import persisted.</summary>
[Manifest("layout.import-reply.v1")]
public sealed record LayoutImportReply(
    bool Accepted, string? RejectionCode, string? RejectionReason, int Warehouses, int StorageAreas, int StorageLocations, int EventsPersisted)
    : IDemeterMessage;

/// <summary>The outcome of registering storage places: the storage location id each label books into (null when refused).</summary>
[Manifest("layout.storage-places-reply.v1")]
public sealed record StoragePlacesReply(bool Accepted, string? RejectionCode, string? RejectionReason, IReadOnlyDictionary<string, int?> StorageLocationIds)
    : IDemeterMessage;
