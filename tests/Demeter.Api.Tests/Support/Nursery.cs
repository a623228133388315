using Demeter.Domain.Layout;

namespace Demeter.Api.Tests.Support;

/// <summary>The real layout files in &lt;repo&gt;/../shared/data/nursery, and what importing them gives.</summary>
public static class Nursery
{
    public const int Warehouses = 28;
    public const int StorageAreas = 56;
    public const int StorageLocations = 1290;

    /// <summary>Every warehouse, storage area and storage location is one registration event.</summary>
    public const int ImportEvents = Warehouses + StorageAreas + StorageLocations;

    private static readonly Lazy<string> NavesText = new(() => Read(LayoutParser.WarehousesFileName));
    private static readonly Lazy<string> CanterosText = new(() => Read(LayoutParser.StorageAreasFileName));
    private static readonly Lazy<string> ClarosText = new(() => Read(LayoutParser.StorageLocationsFileName));
    private static readonly Lazy<LayoutDocument> Document = new(() =>
    {
        var parsed = LayoutParser.Parse(Naves, Canteros, Claros);
        return parsed.Succeeded ? parsed.Document : throw new InvalidOperationException(string.Join("; ", parsed.Errors));
    });

    public static string Naves => NavesText.Value;

    public static string Canteros => CanterosText.Value;

    public static string Claros => ClarosText.Value;

    public static LayoutDocument Layout => Document.Value;

    /// <summary>A storage location (claro) of the real file, by id.</summary>
    public static StorageLocation Claro(int id) => Layout.StorageLocations.Single(l => l.Id == id);

    /// <summary>The n-th claro of the file (by id order), for tests that need distinct claros.</summary>
    public static StorageLocation ClaroAt(int index) => Layout.StorageLocations[index];

    private static string Read(string fileName) => File.ReadAllText(DataFile(fileName));

    /// <summary>A file of the nursery's real data, beside the repository.</summary>
    public static string DataFile(string fileName) => Path.Combine(RepositoryRoot(), "..", "shared", "data", "nursery", fileName);

    /// <summary>The repository's root: tests run from bin/…, so it is found by walking up to the solution file.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Demeter.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Demeter.sln not found above {AppContext.BaseDirectory}.");
    }
}
