using System.CommandLine;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Admin;

/// <summary>`demeter cluster show`: members, roles, status and the leader.</summary>
public static class ClusterCommands
{
    public static Command Create()
    {
        var server = CommonOptions.Server();
        var json = CommonOptions.Json();
        var show = new Command("show", "Show the cluster's members, their roles and status, and the leader") { server, json };
        show.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var state = await client.GetAsync("api/v1/cluster/members", ct);
            if (parse.GetValue(json))
            {
                Console.WriteLine(state.ToString());
                return 0;
            }

            var leader = state.GetProperty("leader").GetString();
            var table = new Table().AddColumns("ADDRESS", "STATUS", "ROLES", "REACHABLE", "LEADER");
            foreach (var m in state.GetProperty("members").EnumerateArray())
            {
                var address = m.GetProperty("address").GetString()!;
                table.AddRow(
                    Markup.Escape(address),
                    m.GetProperty("status").GetString()!,
                    string.Join(",", m.GetProperty("roles").EnumerateArray().Select(r => r.GetString())),
                    m.GetProperty("reachable").GetBoolean() ? "yes" : "NO",
                    address == leader ? "*" : string.Empty);
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"leader: {leader ?? "(none)"}");
            return 0;
        });
        return new Command("cluster", "Inspect the cluster") { show };
    }
}
