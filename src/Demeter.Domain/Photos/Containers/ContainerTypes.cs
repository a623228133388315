using Demeter.Domain.Storage;

namespace Demeter.Domain.Photos.Containers;

/// <summary>
/// The container classes a segmentation model may name, as the nursery's models spell them (Spanish and English,
/// with and without separators), mapped onto one standard type and the bin category it is booked as.
/// </summary>
public static class ContainerTypes
{
    public const string Segment = "segment";

    public const string Box = "box";

    public const string SeedlingTray = "almacigo";

    public const string Plug = "plug";

    /// <summary>
    /// The standard type and bin category of a raw class name. A name the nursery never used keeps its own
    /// (lower-cased) name as type and is booked as a segment, the most general container, with <c>Known</c> false
    /// so the caller can warn about it.
    /// </summary>
    public static (string Type, StorageBinCategory Category, bool Known) FromRawName(string? raw)
    {
        var name = (raw ?? string.Empty).Trim().ToLowerInvariant();
        return name switch
        {
            "segment" or "segmento" or "claro-cajon" or "claro_cajon" or "claro cajon" => (Segment, StorageBinCategory.Segment, true),
            "cajon" or "cajón" or "box" => (Box, StorageBinCategory.Box, true),
            "almacigo" or "almácigo" or "seedling_tray" or "seedling-tray" or "seedling tray" => (SeedlingTray, StorageBinCategory.SeedlingTray, true),
            "plug" or "plugs" or "plug_tray" or "plug-tray" => (Plug, StorageBinCategory.Plug, true),
            "" => (Segment, StorageBinCategory.Segment, false),
            _ => (name, StorageBinCategory.Segment, false),
        };
    }
}
