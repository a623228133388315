namespace Demeter.Cluster.Persistence;

/// <summary>The journal tags, one per aggregate kind (the read model follows all events in order; tags serve consumers of one kind).</summary>
public static class ProjectionTags
{
    public const string Stock = "stock";
    public const string StorageLocation = "storage-location";
    public const string Transplant = "transplant";
    public const string Photo = "photo";
    public const string Layout = "layout";
    public const string Catalog = "catalog";

    public static readonly IReadOnlyList<string> All = [Layout, Catalog, StorageLocation, Stock, Transplant, Photo];
}
