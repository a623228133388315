namespace Demeter.Domain.Storage;

/// <summary>Whether a bin takes plants: active; in maintenance (no new plants); retired for good.</summary>
public enum StorageBinStatus
{
    Active,
    Maintenance,
    Retired,
}

/// <summary>
/// One physical container in a claro. It is an entity of the claro's aggregate: the claro decides which bins
/// it has and which batch each bin holds for a key, so find-or-create can never make two of either.
/// </summary>
public sealed record StorageBin(
    Guid BinId,
    int StorageLocationId,
    string Code,
    string TypeCode,
    StorageBinCategory Category,
    StorageBinStatus Status,
    int? Rows,
    int? Columns,
    int? Capacity,
    string? Label,
    DateTimeOffset CreatedAt)
{
    public const int MaxLabelLength = 200;

    public static StorageBin Create(Guid binId, int storageLocationId, int sequence, StorageBinType type, string? label, DateTimeOffset at) =>
        new(binId, storageLocationId, $"LOC{storageLocationId}-{type.Category.ToCode().Replace("_", string.Empty, StringComparison.Ordinal).ToUpperInvariant()}-{sequence:000}",
            type.Code, type.Category, StorageBinStatus.Active, type.Rows, type.Columns, type.Capacity, label, at);
}
