namespace Demeter.Domain.Layout;

/// <summary>The whole location hierarchy of a nursery; the parser and <see cref="LayoutState.ToDocument"/> list each level by id.</summary>
public sealed record LayoutDocument(
    IReadOnlyList<Warehouse> Warehouses,
    IReadOnlyList<StorageArea> StorageAreas,
    IReadOnlyList<StorageLocation> StorageLocations)
{
    public static LayoutDocument Empty { get; } = new([], [], []);

    public bool Equals(LayoutDocument? other) =>
        other is not null && Warehouses.SequenceEqual(other.Warehouses) &&
        StorageAreas.SequenceEqual(other.StorageAreas) && StorageLocations.SequenceEqual(other.StorageLocations);

    public override int GetHashCode() =>
        HashCode.Combine(Warehouses.Count, StorageAreas.Count, StorageLocations.Count);
}
