using System.CommandLine;
using Spectre.Console;

using static Demeter.Cli.Http.JsonFields;

namespace Demeter.Cli.Admin;

/// <summary>`demeter cluster sharding regions | region-stats &lt;type&gt; | stats &lt;type&gt;`.</summary>
public static class ShardingCommands
{
    public static Command Create(AdminOptions options) => new("sharding", "The shard regions: entity types, shards and entities per node")
    {
        Regions(options), RegionStats(options), Stats(options),
    };

    private static Command Regions(AdminOptions options)
    {
        var command = options.Add(new Command("regions", "The entity types, whether the node hosts a region of each, and the nodes that do"));
        command.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var view = await client.GetAsync("admin/v1/sharding/regions", ct);
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(view.ToString());
                return 0;
            }

            var table = new Table().AddColumns("TYPE", "ON THIS NODE", "REGIONS");
            foreach (var r in view.GetProperty("regions").EnumerateArray())
            {
                table.AddRow(
                    Text(r, "type"),
                    r.GetProperty("hostedHere").GetBoolean() ? "region" : "proxy",
                    Markup.Escape(string.Join(" ", Strings(r, "regions"))));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command RegionStats(AdminOptions options)
    {
        var type = new Argument<string>("type") { Description = "An entity type, e.g. stock-batch (see `cluster sharding regions`)" };
        var command = options.Add(new Command("region-stats", "The node's own region of a type: its shards and their entities") { type });
        command.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var view = await client.GetAsync($"admin/v1/sharding/{Uri.EscapeDataString(parse.GetValue(type)!)}/region-stats", ct);
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(view.ToString());
                return 0;
            }

            var table = new Table().AddColumns("SHARD", "ENTITIES");
            foreach (var s in view.GetProperty("shardList").EnumerateArray())
            {
                table.AddRow(Text(s, "id"), Text(s, "entities"));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{Text(view, "type")} on {Text(view, "address")}: {Text(view, "shards")} shards, {Text(view, "entities")} entities" +
                (view.GetProperty("hostedHere").GetBoolean() ? string.Empty : " (this node holds only a proxy)"));
            return 0;
        });
        return command;
    }

    private static Command Stats(AdminOptions options)
    {
        var type = new Argument<string>("type") { Description = "An entity type, e.g. stock-batch" };
        var command = options.Add(new Command("stats", "Every region of a type across the cluster: shards and entities per node") { type });
        command.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var view = await client.GetAsync($"admin/v1/sharding/{Uri.EscapeDataString(parse.GetValue(type)!)}/stats", ct);
            var regions = view.GetProperty("regions").EnumerateArray()
                .Select(r => new { address = Text(r, "address"), shards = r.GetProperty("shards").GetInt32(), entities = r.GetProperty("entities").GetInt32() })
                .ToList();
            if (parse.GetValue(options.Json))
            {
                AdminOptions.PrintJson(new { regions });
                return 0;
            }

            var table = new Table().AddColumns("NODE", "SHARDS", "ENTITIES");
            foreach (var r in regions)
            {
                table.AddRow(Markup.Escape(r.address), r.shards.ToString(System.Globalization.CultureInfo.InvariantCulture), r.entities.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"{regions.Count} regions, {regions.Sum(r => r.shards)} shards, {regions.Sum(r => r.entities)} entities");
            return 0;
        });
        return command;
    }
}
