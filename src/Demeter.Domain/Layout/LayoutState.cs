using System.Collections.Immutable;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Layout;

/// <summary>The registered hierarchy, each level by id; also the layout's snapshot.</summary>
[Manifest("layout.state.v1")]
public sealed record LayoutState(
    ImmutableDictionary<int, Warehouse> Warehouses,
    ImmutableDictionary<int, StorageArea> StorageAreas,
    ImmutableDictionary<int, StorageLocation> StorageLocations,
    ImmutableDictionary<int, StoragePlace>? StoragePlaces = null) : IDemeterMessage
{
    public static LayoutState Empty { get; } = new(
        ImmutableDictionary<int, Warehouse>.Empty,
        ImmutableDictionary<int, StorageArea>.Empty,
        ImmutableDictionary<int, StorageLocation>.Empty,
        ImmutableDictionary<int, StoragePlace>.Empty);

    /// <summary>Places registered by imports (never null; older snapshots have none).</summary>
    public ImmutableDictionary<int, StoragePlace> Places => StoragePlaces ?? ImmutableDictionary<int, StoragePlace>.Empty;

    /// <summary>Whether stock can be booked into this id: a claro of the layout or a registered place.</summary>
    public bool HoldsStock(int id) => StorageLocations.ContainsKey(id) || Places.ContainsKey(id);

    /// <summary>The state as a document, each level ordered by id, e.g. to rebuild a <see cref="StorageLocationIndex"/> after recovery.</summary>
    public LayoutDocument ToDocument() => new(
        Warehouses.Values.OrderBy(w => w.Id).ToArray(),
        StorageAreas.Values.OrderBy(a => a.Id).ToArray(),
        StorageLocations.Values.OrderBy(l => l.Id).ToArray());
}
