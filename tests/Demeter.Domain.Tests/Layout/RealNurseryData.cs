using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

/// <summary>The production GeoJSON files in ../shared/data/nursery, parsed once per test run.</summary>
internal static class RealNurseryData
{
    private static readonly Lazy<LayoutDocument> Parsed = new(() =>
    {
        var result = Parse();
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Document;
    });

    public static LayoutDocument Layout => Parsed.Value;

    public static LayoutParseResult Parse() =>
        LayoutParser.Parse(Read(LayoutParser.WarehousesFileName), Read(LayoutParser.StorageAreasFileName), Read(LayoutParser.StorageLocationsFileName));

    public static string Read(string fileName) => File.ReadAllText(Path.Combine(Directory, fileName));

    public static string Directory => Path.Combine(RepositoryRoot(), "..", "shared", "data", "nursery");

    // Tests run from bin/…; the data sits beside the repository, found by walking up to the solution file.
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Demeter.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException($"Demeter.sln not found above {AppContext.BaseDirectory}.");
    }
}
