namespace Demeter.Domain.StorageLocations;

/// <summary>Machine-readable rejection codes of a claro's stock entity (besides the shared stock ones).</summary>
public static class StorageLocationRejections
{
    public const string ProductMismatch = "product-mismatch";
    public const string PackagingMismatch = "packaging-mismatch";
    public const string ProductRequired = "product-required";
    public const string BinNotFound = "bin-not-found";
    public const string BinNotActive = "bin-not-active";
    public const string BinRetired = "bin-retired";
    public const string UnknownBinType = "unknown-bin-type";
    public const string AmbiguousBatch = "ambiguous-batch";
    public const string ConfigUnchanged = "config-unchanged";
    public const string NoActiveConfig = "no-active-config";
    public const string InvalidConfig = "invalid-config";
}
