using System.CommandLine;
using System.Globalization;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Stock;

/// <summary>`demeter stock show LOCATION`: the batches of a claro, from the read model.</summary>
public static class StockCommands
{
    public static Command Create()
    {
        var location = new Argument<int>("storage-location") { Description = "Storage location (claro) id" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show the stock batches of a storage location") { location, server, json };
        show.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var stock = await client.GetAsync($"api/v1/storage-locations/{parse.GetValue(location)}/stock", ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(stock.ToString());
                return 0;
            }

            var table = new Table().AddColumns("BATCH", "PRODUCT", "INITIAL", "CURRENT", "EMPTY", "UPDATED");
            foreach (var b in stock.GetProperty("batches").EnumerateArray())
            {
                table.AddRow(
                    b.GetProperty("batchId").GetString()!,
                    b.GetProperty("productId").ValueKind == System.Text.Json.JsonValueKind.Null ? "-" : b.GetProperty("productId").ToString(),
                    b.GetProperty("quantityInitial").ToString(),
                    b.GetProperty("quantityCurrent").ToString(),
                    b.GetProperty("quantityEmptyContainers").ToString(),
                    b.GetProperty("updatedAt").GetDateTimeOffset().ToString("u", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"total: {stock.GetProperty("totalQuantity")}");
            return 0;
        });
        return new Command("stock", "Inspect stock") { show };
    }
}
