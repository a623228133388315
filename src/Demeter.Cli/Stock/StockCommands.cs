using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Stock;

/// <summary>
/// `demeter stock …`: a claro's stock, manual init, movements, transplants and the monthly reconciliation,
/// through the API. Each write sends a fresh movement id unless one is given (--movement-id), so a command
/// repeated with the same id is applied once.
/// </summary>
public static class StockCommands
{
    public static Command Create() => new("stock", "Inspect and book stock")
    {
        Show(), Init(), Move(), Transplant(), Reconcile(),
    };

    private static Command Show()
    {
        var location = new Argument<int>("storage-location") { Description = "Storage location (claro) id" };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show the open batches of a storage location and their total") { location, server, json };
        show.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var stock = await client.GetAsync($"api/v1/storage-locations/{parse.GetValue(location)}/stock", ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(stock.ToString());
                return 0;
            }

            var table = new Table().AddColumns("BATCH", "CODE", "PRODUCT", "STATUS", "INITIAL", "QUANTITY", "EMPTY", "VERIFIED");
            foreach (var b in stock.GetProperty("batches").EnumerateArray())
            {
                table.AddRow(
                    b.GetProperty("id").GetString()!,
                    Markup.Escape(b.GetProperty("code").GetString() ?? "-"),
                    Markup.Escape(Product(b)),
                    b.GetProperty("status").GetString()!,
                    b.GetProperty("quantityInitial").ToString(),
                    b.GetProperty("quantity").ToString(),
                    b.GetProperty("emptyContainers").ToString(),
                    b.GetProperty("verifiedAt").ValueKind == JsonValueKind.Null ? "-" : b.GetProperty("verifiedAt").GetDateTimeOffset().ToString("u", CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"total: {stock.GetProperty("total")}");
            return 0;
        });
        return show;
    }

    private static Command Init()
    {
        var location = new Argument<int>("storage-location") { Description = "Storage location (claro) id" };
        var product = new Option<int>("--product") { Description = "Product id", Required = true };
        var quantity = new Option<int>("--quantity") { Description = "Plants counted", Required = true };
        var packaging = new Option<int?>("--packaging") { Description = "Packaging id (default: the claro's configured one)" };
        var state = new Option<int?>("--state") { Description = "Product state id (default: the claro's configured one)" };
        var movement = MovementId();
        var server = CommonOptions.Server();
        var init = new Command("init", "Initialise a claro's stock of a product by hand (its first count)") { location, product, quantity, packaging, state, movement, server };
        init.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.PostJsonAsync("api/v1/stock/manual-init", new
            {
                movementId = parse.GetValue(movement) ?? Guid.NewGuid(),
                storageLocationId = parse.GetValue(location),
                productId = parse.GetValue(product),
                quantity = parse.GetValue(quantity),
                packagingId = parse.GetValue(packaging),
                productStateId = parse.GetValue(state),
            }, ct);
            Console.WriteLine($"batch {result.GetProperty("batchId")} ({result.GetProperty("batchCode")}): {result.GetProperty("quantity")} plants");
            return 0;
        });
        return init;
    }

    private static Command Move()
    {
        var batch = new Argument<Guid>("batch") { Description = "Batch id" };
        var type = new Option<string>("--type") { Description = "plantar, sembrar, muerte, ventas or ajuste", Required = true };
        var quantity = new Option<int>("--quantity") { Description = "Positive; signed for ajuste", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (required for ajuste)" };
        var price = new Option<decimal?>("--unit-price") { Description = "Unit price of a sale (ventas)" };
        var movement = MovementId();
        var server = CommonOptions.Server();
        var move = new Command("move", "Book a movement on a batch") { batch, type, quantity, reason, price, movement, server };
        move.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.PostJsonAsync("api/v1/stock/movements", new
            {
                movementId = parse.GetValue(movement) ?? Guid.NewGuid(),
                batchId = parse.GetValue(batch),
                type = parse.GetValue(type),
                quantity = parse.GetValue(quantity),
                reason = parse.GetValue(reason),
                unitPrice = parse.GetValue(price),
            }, ct);
            Console.WriteLine(
                $"{result.GetProperty("type").GetString()} {result.GetProperty("signedQuantity")} on batch {result.GetProperty("batchId")}: " +
                $"now {result.GetProperty("quantity")}{(result.GetProperty("alreadyApplied").GetBoolean() ? " (already applied)" : string.Empty)}");
            return 0;
        });
        return move;
    }

    private static Command Transplant()
    {
        var from = new Argument<Guid>("from-batch") { Description = "Batch the plants leave" };
        var to = new Option<int>("--to") { Description = "Destination storage location (claro) id", Required = true };
        var quantity = new Option<int>("--quantity") { Description = "Plants moved", Required = true };
        var state = new Option<int?>("--state") { Description = "New product state id (a promotion)" };
        var size = new Option<int?>("--size") { Description = "New product size id" };
        var packaging = new Option<int?>("--packaging") { Description = "New packaging id" };
        var movement = MovementId();
        var server = CommonOptions.Server();
        var transplant = new Command("transplant", "Move plants to a claro (both sides or neither)") { from, to, quantity, state, size, packaging, movement, server };
        transplant.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.PostJsonAsync("api/v1/stock/transplants", new
            {
                movementId = parse.GetValue(movement) ?? Guid.NewGuid(),
                fromBatchId = parse.GetValue(from),
                toStorageLocationId = parse.GetValue(to),
                quantity = parse.GetValue(quantity),
                productStateId = parse.GetValue(state),
                productSizeId = parse.GetValue(size),
                packagingId = parse.GetValue(packaging),
            }, ct);
            Console.WriteLine($"transplant {result.GetProperty("transplantId")}: {result.GetProperty("status").GetString()}, into batch {result.GetProperty("toBatchId")}");
            return 0;
        });
        return transplant;
    }

    private static Command Reconcile()
    {
        var location = new Option<int?>("--storage-location") { Description = "A claro id" };
        var warehouse = new Option<int?>("--warehouse") { Description = "A warehouse id" };
        var month = new Option<string>("--month") { Description = "yyyy-MM", Required = true };
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var reconcile = new Command("reconcile", "The monthly reconciliation of a claro or a warehouse") { location, warehouse, month, server, json };
        reconcile.SetAction(async (parse, ct) =>
        {
            if (!DateTime.TryParseExact(parse.GetValue(month), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
            {
                throw new CliException($"--month '{parse.GetValue(month)}' is not yyyy-MM.");
            }

            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var report = await client.PostJsonAsync("api/v1/stock/reconciliations", new
            {
                storageLocationId = parse.GetValue(location),
                warehouseId = parse.GetValue(warehouse),
                year = m.Year,
                month = m.Month,
            }, ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(report.ToString());
                return 0;
            }

            var table = new Table().AddColumns("", "PLANTS");
            foreach (var (label, field) in new[]
                     {
                         ("baseline", "baseline"), ("+ initialised", "initialised"), ("+ planted / sown", "planted"), ("+ transplanted in", "transplantsIn"),
                         ("- deaths", "deaths"), ("- transplanted out", "transplantsOut"), ("+ adjustments", "adjustments"), ("- recorded sales", "recordedSales"),
                         ("= expected", "expected"), ("inferred sales", "inferredSales"), ("booked sales", "bookedSales"), ("booked adjustments", "bookedAdjustments"),
                     })
            {
                table.AddRow(label, report.GetProperty(field).ToString());
            }

            var closing = report.GetProperty("closing");
            table.AddRow("closing count", closing.ValueKind == JsonValueKind.Null ? "-" : closing.GetProperty("counted").ToString());
            AnsiConsole.Write(table);
            foreach (var flag in report.GetProperty("flags").EnumerateArray())
            {
                Console.WriteLine($"flag: {flag.GetString()}");
            }

            return 0;
        });
        return reconcile;
    }

    private static Option<Guid?> MovementId() => new("--movement-id") { Description = "Idempotency key: repeat it to retry safely (default: a new one)" };

    private static string Product(JsonElement b) =>
        b.GetProperty("productId").ValueKind != JsonValueKind.Null ? b.GetProperty("productId").ToString()
        : b.GetProperty("productName").GetString() ?? "-";
}
