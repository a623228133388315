namespace Demeter.Domain.Storage;

/// <summary>
/// A kind of container. Grid types (plug and seedling trays) have rows × columns cells, and their capacity is
/// the number of cells; the others hold a varying number of plants.
/// </summary>
public sealed record StorageBinType(string Code, string Name, StorageBinCategory Category, int? Rows, int? Columns, int? Capacity)
{
    public bool IsGrid => Rows is not null && Columns is not null;
}

/// <summary>The container types the nursery uses (the seed rows of storage_bin_types).</summary>
public static class StorageBinTypes
{
    public static readonly StorageBinType SegmentStandard = new("SEGMENT_STANDARD", "Segment (continuous growing area)", StorageBinCategory.Segment, null, null, null);
    public static readonly StorageBinType BoxStandard = new("BOX_STANDARD", "Box (cajón)", StorageBinCategory.Box, null, null, null);
    public static readonly StorageBinType SeedlingTrays = new("SEEDLING_TRAYS", "Seedling trays (almácigos) on a bench", StorageBinCategory.SeedlingTray, null, null, null);
    public static readonly StorageBinType PotSingle = new("POT_10CM", "Pot 10 cm", StorageBinCategory.Pot, 1, 1, 1);

    public static readonly IReadOnlyList<StorageBinType> All =
    [
        SegmentStandard,
        BoxStandard,
        SeedlingTrays,
        new("SEEDLING_TRAY_50", "Seedling tray 5×10", StorageBinCategory.SeedlingTray, 5, 10, 50),
        new("ALMACIGOS", "Seedling tray 10×10 (almácigo)", StorageBinCategory.SeedlingTray, 10, 10, 100),
        new("PLUG_TRAY_288", "Plug tray 18×16", StorageBinCategory.Plug, 18, 16, 288),
        new("PLUG_TRAY_128", "Plug tray 8×16", StorageBinCategory.Plug, 8, 16, 128),
        new("PLUG_TRAY_72", "Plug tray 6×12", StorageBinCategory.Plug, 6, 12, 72),
        PotSingle,
    ];

    public static StorageBinType? Find(string? code) =>
        All.FirstOrDefault(t => string.Equals(t.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The type of the bin a movement opens when it names only a category.</summary>
    public static StorageBinType DefaultFor(StorageBinCategory category) => category switch
    {
        StorageBinCategory.Segment => SegmentStandard,
        StorageBinCategory.Box => BoxStandard,
        StorageBinCategory.SeedlingTray => SeedlingTrays,
        StorageBinCategory.Plug => All.First(t => t.Code == "PLUG_TRAY_288"),
        _ => PotSingle,
    };
}
