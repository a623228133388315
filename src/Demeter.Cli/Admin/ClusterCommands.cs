using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

using static Demeter.Cli.Http.JsonFields;

namespace Demeter.Cli.Admin;

/// <summary>
/// `demeter cluster …`: the membership as a node sees it (show, status, leader, tail) and the operator's hand on it
/// (join, leave, down, down-unreachable), plus the shard regions (`cluster sharding …`). Each verb asks one node's
/// admin endpoint (--node) and exits 1 when it fails.
/// </summary>
public static class ClusterCommands
{
    public static Command Create()
    {
        var options = new AdminOptions();
        return new Command("cluster", "See and steer the cluster through a node's admin endpoint")
        {
            Show(options), Status(options), Leader(options), Tail(options),
            Membership(options, "join", "This node (--node) joins the cluster the address belongs to", "join"),
            Membership(options, "leave", "A member leaves the cluster gracefully (its shards and singletons move first)", "leave"),
            Membership(options, "down", "Marks a member down: only for a node that is gone", "down"),
            DownUnreachable(options),
            ShardingCommands.Create(options),
        };
    }

    private static Command Show(AdminOptions options)
    {
        var show = options.Add(new Command("show", "The members, their roles and status, and the leader"));
        show.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var state = await client.GetAsync("admin/v1/cluster", ct);
            var leader = state.GetProperty("leader").ValueKind == JsonValueKind.Null ? null : state.GetProperty("leader").GetString();
            var members = state.GetProperty("members").EnumerateArray().ToList();
            if (parse.GetValue(options.Json))
            {
                AdminOptions.PrintJson(new
                {
                    leader,
                    members = members.Select(m => new { address = Text(m, "address"), roles = Strings(m, "roles"), status = Text(m, "status") }),
                });
                return 0;
            }

            var table = new Table().AddColumns("ADDRESS", "STATUS", "ROLES", "REACHABLE", "LEADER");
            foreach (var m in members)
            {
                var address = Text(m, "address");
                table.AddRow(
                    Markup.Escape(address),
                    Text(m, "status"),
                    string.Join(",", Strings(m, "roles")),
                    m.GetProperty("reachable").GetBoolean() ? "yes" : "NO",
                    address == leader ? "*" : string.Empty);
            }

            AnsiConsole.Write(table);
            Console.WriteLine($"leader: {leader ?? "(none)"}");
            return 0;
        });
        return show;
    }

    private static Command Status(AdminOptions options)
    {
        var status = options.Add(new Command("status", "This node's status; exits 2 unless it is Up and reaches every member"));
        status.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var view = await client.GetAsync("admin/v1/cluster/status", ct);
            var unreachable = Strings(view, "unreachable");
            var healthy = Text(view, "status") == "Up" && unreachable.Length == 0;
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(view.ToString());
                return healthy ? 0 : 2;
            }

            Console.WriteLine($"node:        {Text(view, "address")}");
            Console.WriteLine($"status:      {Text(view, "status")}");
            Console.WriteLine($"roles:       {string.Join(",", Strings(view, "roles"))}");
            Console.WriteLine($"leader:      {(Text(view, "leader") is { Length: > 0 } l ? l : "(none)")}{(view.GetProperty("isLeader").GetBoolean() ? " (this node)" : string.Empty)}");
            var byStatus = view.GetProperty("membersByStatus").EnumerateObject().Select(p => $"{p.Value} {p.Name}");
            Console.WriteLine($"members:     {view.GetProperty("members").GetInt32()} ({string.Join(", ", byStatus)})");
            Console.WriteLine($"unreachable: {(unreachable.Length == 0 ? "none" : string.Join(", ", unreachable))}");
            return healthy ? 0 : 2;
        });
        return status;
    }

    private static Command Leader(AdminOptions options)
    {
        var leader = options.Add(new Command("leader", "The cluster's leader and each role's leader"));
        leader.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var view = await client.GetAsync("admin/v1/cluster/leader", ct);
            if (parse.GetValue(options.Json))
            {
                Console.WriteLine(view.ToString());
                return 0;
            }

            Console.WriteLine(Text(view, "leader") is { Length: > 0 } address ? address : "(no leader)");
            foreach (var role in view.GetProperty("roleLeaders").EnumerateObject())
            {
                Console.WriteLine($"  {role.Name}: {(role.Value.ValueKind == JsonValueKind.Null ? "(none)" : role.Value.GetString())}");
            }

            return 0;
        });
        return leader;
    }

    private static Command Tail(AdminOptions options)
    {
        var count = new Option<int?>("--count") { Description = "Stop after this many events (the current members come first, as events)" };
        var duration = new Option<double?>("--for") { Description = "Stop after this many seconds" };
        var tail = options.Add(new Command("tail", "Follow membership changes (joins, ups, leaves, unreachable, downs, leader changes) until Ctrl+C") { count, duration });
        tail.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (parse.GetValue(duration) is { } seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            var limit = parse.GetValue(count);
            var seen = 0;
            var json = parse.GetValue(options.Json);
            try
            {
                await client.FollowLinesAsync(
                    "admin/v1/cluster/events",
                    e =>
                    {
                        // Lines already read past the limit are dropped: --count means exactly that many.
                        if (seen >= limit)
                        {
                            return;
                        }

                        Console.WriteLine(json
                            ? e.ToString()
                            : $"{Text(e, "time")}  {Text(e, "event"),-16} {Text(e, "address")} {Text(e, "status")} " +
                              string.Join(",", Strings(e, "roles")));
                        if (++seen >= limit)
                        {
                            stop.Cancel();
                        }
                    },
                    stop.Token);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // --count, --for or Ctrl+C: the operator's own end.
            }

            return 0;
        });
        return tail;
    }

    private static Command Membership(AdminOptions options, string name, string description, string route)
    {
        var address = new Argument<string>("address") { Description = "A node address, e.g. akka.tcp://demeter@127.0.0.1:4053" };
        var command = options.Add(new Command(name, description) { address });
        command.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var result = await client.PostJsonAsync($"admin/v1/cluster/{route}", new { address = parse.GetValue(address) }, ct);
            Console.WriteLine(parse.GetValue(options.Json) ? result.ToString() : $"{name} {Text(result, "address")}: {Text(result, "effect")}");
            return 0;
        });
        return command;
    }

    private static Command DownUnreachable(AdminOptions options)
    {
        var command = options.Add(new Command("down-unreachable", "Marks down every member the node cannot reach"));
        command.SetAction(async (parse, ct) =>
        {
            using var client = options.Client(parse);
            var result = await client.PostJsonAsync("admin/v1/cluster/down-unreachable", new { }, ct);
            var downed = Strings(result, "downed");
            Console.WriteLine(parse.GetValue(options.Json)
                ? result.ToString()
                : downed.Length == 0 ? "no member is unreachable: nothing downed" : $"downed {downed.Length}: {string.Join(", ", downed)}");
            return 0;
        });
        return command;
    }
}
