using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Demeter.Cli.Http;
using Spectre.Console;

using static Demeter.Cli.Http.JsonFields;

namespace Demeter.Cli.Audit;

/// <summary>
/// `demeter audit history | as-of | verify | rebuild`: every answer comes from the journal (the admin-only audit
/// routes of the API), so an auditor can take any stock figure back to the events that made it.
/// </summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        return new Command("audit", "Replay the journal: an entity's events, a claro's stock at a moment, a check of the read model, a rebuild")
        {
            History(server, json), AsOf(server, json), Verify(server, json), Rebuild(server, json),
        };
    }

    private static Command History(Option<string> server, Option<bool> json)
    {
        var type = new Argument<string>("entity-type") { Description = "stock-batch, storage-location, transplant, photo-session, plant-size-calibration, layout or catalog" };
        var id = new Argument<string>("id") { Description = "The entity's id (a UUID, a claro's number, a calibration key; anything for layout and catalog)" };
        var command = new Command("history", "Every event of one entity with its time, user and effect") { type, id, server, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var history = await client.GetAsync(
                $"api/v1/audit/history/{Uri.EscapeDataString(parse.GetValue(type)!)}/{Uri.EscapeDataString(parse.GetValue(id)!)}", ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(history.ToString());
                return 0;
            }

            var table = new Table().AddColumns("SEQ", "WRITTEN", "EFFECTIVE", "USER", "EVENT", "EFFECT");
            foreach (var e in history.GetProperty("events").EnumerateArray())
            {
                table.AddRow(Text(e, "sequence"), Time(e, "writtenAt"), Time(e, "effectiveAt"), Markup.Escape(Text(e, "user")), Text(e, "type"), Markup.Escape(Text(e, "effect")));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{history.GetProperty("events").GetArrayLength()} events of {Text(history, "persistenceId")}");
            return 0;
        });
        return command;
    }

    private static Command AsOf(Option<string> server, Option<bool> json)
    {
        var claro = new Argument<int>("storage-location-id") { Description = "The claro's number" };
        var at = new Argument<string>("timestamp") { Description = "ISO 8601, e.g. 2026-11-30T18:00:00Z (no offset = UTC)" };
        var command = new Command("as-of", "A claro's stock at a moment, rebuilt from the journal, with the events behind each batch") { claro, at, server, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var stock = await client.GetAsync(
                string.Create(CultureInfo.InvariantCulture, $"api/v1/audit/stock/{parse.GetValue(claro)}?at={Uri.EscapeDataString(parse.GetValue(at)!)}"), ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(stock.ToString());
                return 0;
            }

            foreach (var batch in stock.GetProperty("batches").EnumerateArray())
            {
                var product = Text(batch, "productId") is { Length: > 0 } productId ? $"product {productId}" : $"product '{Text(batch, "productName")}'";
                Console.WriteLine($"batch {Text(batch, "code")} ({Text(batch, "batchId")}), {product}: {Text(batch, "quantity")} plants, {Text(batch, "status")}");
                foreach (var e in batch.GetProperty("events").EnumerateArray())
                {
                    Console.WriteLine($"  #{Text(e, "sequence"),-4} {Time(e, "effectiveAt"),-20} {Text(e, "user"),-12} {Text(e, "effect")}");
                }
            }

            Console.WriteLine($"claro {Text(stock, "storageLocationId")} at {Text(stock, "at")}: {Text(stock, "recorded")} plants as the ledger held them then " +
                $"({Text(stock, "effective")} by every movement known now with an effective time up to then)");
            return 0;
        });
        return command;
    }

    private static Command Verify(Option<string> server, Option<bool> json)
    {
        var command = new Command("verify", "Replay every stream and compare with the read model; exits 2 with the differences when they disagree") { server, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.GetAsync("api/v1/audit/verification", ct);
            var consistent = result.GetProperty("consistent").GetBoolean();
            if (parse.GetValue(json))
            {
                Console.WriteLine(result.ToString());
                return consistent ? 0 : 2;
            }

            Console.WriteLine($"replayed {Text(result, "streams")} streams, {Text(result, "events")} events (journal ordering {Text(result, "journalOrdering")}); " +
                $"{Text(result, "batches")} batches compared with the read model at ordering {Text(result, "comparedAtOrdering")}: {(consistent ? "consistent" : "DIFFERENT")}");
            foreach (var difference in result.GetProperty("differences").EnumerateArray())
            {
                Console.WriteLine($"  {difference.GetString()}");
            }

            return consistent ? 0 : 2;
        });
        return command;
    }

    private static Command Rebuild(Option<string> server, Option<bool> json)
    {
        var command = new Command("rebuild", "Drop the read model and rebuild it from the journal; waits until it has caught up") { server, json };
        command.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var result = await client.PostJsonAsync("api/v1/audit/rebuild", new { confirm = "rebuild" }, ct);
            var caughtUp = result.GetProperty("caughtUp").GetBoolean();
            Console.WriteLine(parse.GetValue(json)
                ? result.ToString()
                : caughtUp
                    ? string.Create(CultureInfo.InvariantCulture, $"read model rebuilt from the journal through ordering {Text(result, "ordering")} in {result.GetProperty("elapsedMs").GetDouble() / 1000:0.0} s")
                    : $"the read model is still being rebuilt (through ordering {Text(result, "ordering")}); `demeter audit verify` once it is done");
            return caughtUp ? 0 : 2;
        });
        return command;
    }

    private static string Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : string.Empty;
}
