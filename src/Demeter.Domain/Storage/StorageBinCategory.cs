namespace Demeter.Domain.Storage;

/// <summary>Container categories (storage_bin_types.category); the segmentation classes map onto them.</summary>
public enum StorageBinCategory
{
    Segment,
    Box,
    SeedlingTray,
    Plug,
    Pot,
}

public static class StorageBinCategories
{
    /// <summary>The nursery's code: segment, box, seedling_tray, plug, pot.</summary>
    public static string ToCode(this StorageBinCategory category) => category switch
    {
        StorageBinCategory.SeedlingTray => "seedling_tray",
        _ => category.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? code, out StorageBinCategory category)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "segment" or "segmento": category = StorageBinCategory.Segment; return true;
            case "box" or "cajon" or "cajón": category = StorageBinCategory.Box; return true;
            case "seedling_tray" or "seedling-tray" or "almacigo" or "almácigo": category = StorageBinCategory.SeedlingTray; return true;
            case "plug" or "plugs": category = StorageBinCategory.Plug; return true;
            case "pot" or "maceta": category = StorageBinCategory.Pot; return true;
            default: category = default; return false;
        }
    }
}
