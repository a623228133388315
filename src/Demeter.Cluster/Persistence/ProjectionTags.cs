namespace Demeter.Cluster.Persistence;

/// <summary>The journal tags projections read by; one per aggregate kind.</summary>
public static class ProjectionTags
{
    public const string Stock = "stock";
    public const string Photo = "photo";
    public const string Layout = "layout";
    public const string Bin = "bin";

    public static readonly IReadOnlyList<string> All = [Layout, Bin, Stock, Photo];
}
