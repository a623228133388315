using System.CommandLine;
using System.Globalization;
using System.Text.Json;

using static Demeter.Cli.Http.JsonFields;

namespace Demeter.Cli.Admin;

/// <summary>`demeter actor hierarchy` and `demeter log peek`: one node's actors and its recent log.</summary>
public static class NodeCommands
{
    public static Command Actor()
    {
        var options = new AdminOptions();
        var depth = new Option<int>("--depth") { Description = "Levels below /user and /system", DefaultValueFactory = _ => 4 };
        var children = new Option<int>("--max-children") { Description = "Children shown per actor (all are counted)", DefaultValueFactory = _ => 20 };
        var hierarchy = options.Add(new Command("hierarchy", "The node's actor tree") { depth, children });
        hierarchy.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var tree = await client.GetAsync(
                string.Create(CultureInfo.InvariantCulture, $"admin/v1/actors?depth={parse.GetValue(depth)}&maxChildren={parse.GetValue(children)}"), ct);
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(tree.ToString());
                return 0;
            }

            foreach (var root in tree.GetProperty("children").EnumerateArray())
            {
                Print(root, 0);
            }

            return 0;
        });
        return new Command("actor", "Inspect a node's actors") { hierarchy };
    }

    public static Command Log()
    {
        var options = new AdminOptions();
        var lines = new Option<int>("--lines", "-n") { Description = "How many of the newest lines", DefaultValueFactory = _ => 100 };
        var level = new Option<string?>("--level") { Description = "Only lines at or above: trace, debug, information, warning, error, critical" };
        var peek = options.Add(new Command("peek", "The node's newest log lines, oldest first") { lines, level });
        peek.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var query = string.Create(CultureInfo.InvariantCulture, $"admin/v1/logs?lines={parse.GetValue(lines)}")
                + (parse.GetValue(level) is { } l ? "&level=" + Uri.EscapeDataString(l) : string.Empty);
            var view = await client.GetAsync(query, ct);
            foreach (var line in view.GetProperty("lines").EnumerateArray())
            {
                Console.WriteLine(parse.GetValue(options.Json)
                    ? line.ToString()
                    : $"{Text(line, "time")} {Short(Text(line, "level"))} {Text(line, "category")}: {Text(line, "message")}" +
                      (Text(line, "traceId") is { Length: > 0 } trace ? $" [trace {trace}]" : string.Empty) +
                      (Text(line, "exception") is { Length: > 0 } ex ? Environment.NewLine + ex : string.Empty));
            }

            return 0;
        });
        return new Command("log", "Read a node's log") { peek };
    }

    private static void Print(JsonElement node, int indent)
    {
        var count = node.GetProperty("childCount").GetInt32();
        var shown = node.GetProperty("children").GetArrayLength();
        var more = count > shown && shown > 0 ? $" (+{count - shown} more)" : count > 0 && shown == 0 ? $" ({count} children)" : string.Empty;
        Console.WriteLine($"{new string(' ', indent * 2)}{Text(node, "path")}{more}");
        foreach (var child in node.GetProperty("children").EnumerateArray())
        {
            Print(child, indent + 1);
        }
    }

    private static string Short(string level) => level switch
    {
        "Information" => "INF",
        "Warning" => "WRN",
        "Error" => "ERR",
        "Critical" => "CRT",
        "Debug" => "DBG",
        _ => "TRC",
    };
}
