using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;

namespace Demeter.Cli.Layout;

/// <summary>`demeter import catalog FILE` and `demeter import prices FILE`: the product list and the price list, line by line.</summary>
public static class CatalogImportCommands
{
    public static IEnumerable<Command> Create() =>
    [
        Command("catalog", "Import the product list CSV (pot code, genus, species): categories, families, products and pots", "products"),
        Command("prices", "Import the wholesale price list CSV: a price per category, pot and code", "prices"),
    ];

    private static Command Command(string name, string description, string route)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file, as the nursery keeps it" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var command = new Command(name, description) { file, server, json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new CliException($"{path.FullName} does not exist.");
            }

            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var report = await client.PostFilesAsync($"api/v1/catalog/imports/{route}", new Dictionary<string, string> { ["file"] = path.FullName }, null, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(report.ToString());
                return 0;
            }

            foreach (var line in report.GetProperty("items").EnumerateArray())
            {
                var outcome = line.GetProperty("outcome").GetString();
                if (outcome == "rejected")
                {
                    Console.WriteLine($"line {line.GetProperty("line")}: rejected: {line.GetProperty("reason").GetString()}");
                }

                foreach (var warning in line.GetProperty("warnings").EnumerateArray())
                {
                    Console.WriteLine($"line {line.GetProperty("line")}: note: {warning.GetString()}");
                }
            }

            Console.WriteLine(
                $"{report.GetProperty("lines")} lines: {Count(report, "created")} created, {Count(report, "updated")} updated, " +
                $"{Count(report, "unchanged")} unchanged, {Count(report, "rejected")} rejected, {Count(report, "skipped")} skipped");
            return 0;
        });
        return command;
    }

    private static int Count(JsonElement report, string name) => report.GetProperty(name).GetInt32();
}
