using System.CommandLine;
using Demeter.Cli.Http;

namespace Demeter.Cli.Layout;

/// <summary>`demeter import layout DIR`: sends naves/canteros/claros GeoJSON to the API.</summary>
public static class ImportCommands
{
    public static Command Create()
    {
        var dir = new Argument<DirectoryInfo>("directory") { Description = "Folder with naves.geojson, canteros.geojson and claros.geojson" };
        var server = CommonOptions.Server();
        var layout = new Command("layout", "Import the nursery layout (warehouses, storage areas, storage locations)") { dir, server };
        layout.SetAction(async (parse, ct) =>
        {
            var folder = parse.GetValue(dir)!;
            var files = new Dictionary<string, string>
            {
                ["naves"] = Path.Combine(folder.FullName, "naves.geojson"),
                ["canteros"] = Path.Combine(folder.FullName, "canteros.geojson"),
                ["claros"] = Path.Combine(folder.FullName, "claros.geojson"),
            };
            foreach (var file in files.Values.Where(f => !File.Exists(f)))
            {
                throw new CliException($"{file} does not exist.");
            }

            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.PostFilesAsync("api/v1/layout/import", files, null, ct);
            Console.WriteLine(
                $"Imported: {result.GetProperty("warehouses")} warehouses, {result.GetProperty("storageAreas")} storage areas, " +
                $"{result.GetProperty("storageLocations")} storage locations ({result.GetProperty("eventsPersisted")} new or changed).");
            return 0;
        });
        var import = new Command("import", "Import data into a running system") { layout, SowingImportCommand.Create() };
        foreach (var command in CatalogImportCommands.Create())
        {
            import.Subcommands.Add(command);
        }

        return import;
    }
}
