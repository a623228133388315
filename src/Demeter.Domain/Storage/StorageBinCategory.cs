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
