using Demeter.Domain.Messaging;

namespace Demeter.Domain.Layout;

/// <summary>
/// Referential rules a registered layout always satisfies: every parent exists, a location's warehouse is
/// its area's warehouse, and codes are unique per level. The parser guarantees them for parsed files; the
/// decider re-checks the merged result because a document can also be built in code, and because a
/// partial re-import can move an area to another warehouse while leaving its locations behind.
/// </summary>
internal static class LayoutIntegrity
{
    public const string DuplicateIdCode = "layout.duplicate-id";
    public const string UnknownParentCode = "layout.unknown-parent";
    public const string ParentMismatchCode = "layout.parent-mismatch";
    public const string DuplicateCodeCode = "layout.duplicate-code";
    public const string ReservedIdCode = "layout.reserved-id";
    public const string InvalidPlaceCode = "layout.invalid-place";

    public static IEnumerable<Rejection> DuplicateIds(LayoutDocument layout) =>
        Duplicates(layout.Warehouses.Select(w => w.Id), "warehouse")
            .Concat(Duplicates(layout.StorageAreas.Select(a => a.Id), "storage area"))
            .Concat(Duplicates(layout.StorageLocations.Select(l => l.Id), "storage location"))
            .Select(reason => new Rejection(DuplicateIdCode, reason));

    public static IEnumerable<Rejection> Problems(LayoutState state)
    {
        foreach (var area in state.StorageAreas.Values.OrderBy(a => a.Id))
        {
            if (!state.Warehouses.ContainsKey(area.WarehouseId))
                yield return new Rejection(UnknownParentCode, $"storage area {area.Id} refers to unknown warehouse {area.WarehouseId}");
        }

        foreach (var location in state.StorageLocations.Values.OrderBy(l => l.Id))
        {
            if (!state.StorageAreas.TryGetValue(location.StorageAreaId, out var area))
                yield return new Rejection(UnknownParentCode, $"storage location {location.Id} refers to unknown storage area {location.StorageAreaId}");
            else if (area.WarehouseId != location.WarehouseId)
                yield return new Rejection(ParentMismatchCode,
                    $"storage location {location.Id} says warehouse {location.WarehouseId} but its storage area {area.Id} is in warehouse {area.WarehouseId}");
        }

        foreach (var reason in Duplicates(state.Warehouses.Values.Select(w => w.Code), "warehouse code")
                     .Concat(Duplicates(state.StorageAreas.Values.Select(a => a.Code), "storage area code"))
                     .Concat(Duplicates(state.StorageLocations.Values.Select(l => l.Code), "storage location code")))
            yield return new Rejection(DuplicateCodeCode, reason);
    }

    private static IEnumerable<string> Duplicates<T>(IEnumerable<T> keys, string what) =>
        keys.GroupBy(k => k).Where(g => g.Count() > 1).OrderBy(g => g.Key).Select(g => $"{what} {g.Key} appears {g.Count()} times");
}
