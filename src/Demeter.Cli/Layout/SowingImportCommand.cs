using System.CommandLine;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Layout;

/// <summary>`demeter import sowing CSV`: the sowing ledger as sembrar movements, with a progress bar and the lines that were not imported.</summary>
public static class SowingImportCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("csv") { Description = "The sowing ledger (seedling_sowing_ledger.csv)" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var sowing = new Command("sowing", "Import the sowing ledger as sembrar movements (running it again changes nothing)") { file, server, json };
        sowing.SetAction(async (parse, ct) =>
        {
            var csv = parse.GetValue(file)!;
            if (!csv.Exists)
            {
                throw new CliException($"{csv.FullName} does not exist.");
            }

            using var client = new DemeterApiClient(parse.GetValue(server)!);
            System.Text.Json.JsonElement? report = null;
            var asJson = parse.GetValue(json);
            await AnsiConsole.Progress()
                .AutoClear(asJson)
                .HideCompleted(false)
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("booking sowings", maxValue: 1);
                    await client.PostFileStreamingAsync("api/v1/stock/imports/sowing", "file", csv.FullName, line =>
                    {
                        switch (line.GetProperty("type").GetString())
                        {
                            case "progress":
                                task.MaxValue = Math.Max(1, line.GetProperty("total").GetInt32());
                                task.Value = line.GetProperty("done").GetInt32();
                                break;
                            case "report":
                                report = line.GetProperty("report");
                                task.Value = task.MaxValue;
                                break;
                        }
                    }, ct);
                });
            if (report is not { } r)
            {
                throw new CliException("The server ended the import without a report; run it again (it is idempotent).");
            }

            if (asJson)
            {
                Console.WriteLine(r.ToString());
                return 0;
            }

            Console.WriteLine(
                $"{r.GetProperty("lines")} lines: {r.GetProperty("imported")} imported, {r.GetProperty("alreadyImported")} already imported, " +
                $"{r.GetProperty("rejected")} not imported");
            foreach (var rejection in r.GetProperty("rejections").EnumerateArray())
            {
                Console.WriteLine($"  line {rejection.GetProperty("line")}: {rejection.GetProperty("reason").GetString()}");
            }

            return 0;
        });
        return sowing;
    }
}
