using System.Text.Json;
using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;
using Demeter.Api.Auth;
using Demeter.Api.Problems;
using Demeter.Cluster.Operations;
using Demeter.Domain.Users;

namespace Demeter.Api.Admin;

/// <summary>
/// Cluster membership as this node sees it, and the operator's hand on it (the `demeter cluster` verbs): show, status,
/// leader, tail, join, leave, down, down-unreachable. Admin role only; served on the admin endpoint.
/// </summary>
public static class ClusterAdminRoutes
{
    public static void MapClusterAdminRoutes(this IEndpointRouteBuilder app)
    {
        var cluster = app.MapGroup("/admin/v1/cluster").WithTags("Admin").RequireRole(Role.Admin);
        cluster.MapGet("/", (ActorSystem system) => Results.Ok(Members(Akka.Cluster.Cluster.Get(system))))
            .WithName("ClusterShow").WithSummary("Every member: address, roles, status, reachability; and the leader");
        cluster.MapGet("/status", (ActorSystem system) => Results.Ok(Status(Akka.Cluster.Cluster.Get(system))))
            .WithName("ClusterStatus").WithSummary("This node: its address, status, roles, whether it leads, and what it cannot reach");
        cluster.MapGet("/leader", (ActorSystem system) =>
            {
                var c = Akka.Cluster.Cluster.Get(system);
                var roles = c.SelfRoles.Concat(c.State.Members.SelectMany(m => m.Roles)).Distinct().Order(StringComparer.Ordinal);
                return Results.Ok(new ClusterLeaderView(
                    c.State.Leader?.ToString(), roles.ToDictionary(r => r, r => c.State.RoleLeader(r)?.ToString())));
            })
            .WithName("ClusterLeader").WithSummary("The cluster's leader, and the leader of each role");
        cluster.MapGet("/events", TailAsync)
            .WithName("ClusterTail").WithSummary("Membership changes as JSON lines while the connection stays open, starting with the current members");
        cluster.MapPost("/join", (ActorSystem system, AddressRequest? body) =>
            {
                if (ParseAddress(body) is not { } address)
                {
                    return InvalidAddress(body);
                }

                Akka.Cluster.Cluster.Get(system).Join(address);
                return Results.Accepted(value: new ClusterCommandView("join", address.ToString(), "this node asked to join the cluster at the address"));
            })
            .WithName("ClusterJoin").WithSummary("This node joins the cluster that the address belongs to (a node that is not yet a member)");
        cluster.MapPost("/leave", (ActorSystem system, AddressRequest? body) =>
                MemberCommand(system, body, "leave", (c, a) => c.Leave(a), "the member leaves gracefully: its shards and singletons move first"))
            .WithName("ClusterLeave").WithSummary("A member leaves the cluster gracefully");
        cluster.MapPost("/down", (ActorSystem system, AddressRequest? body) =>
                MemberCommand(system, body, "down", (c, a) => c.Down(a), "the member is marked down and removed; use it only for a node that is gone"))
            .WithName("ClusterDown").WithSummary("Marks a member down (for a node that is gone)");
        cluster.MapPost("/down-unreachable", (ActorSystem system) =>
            {
                var c = Akka.Cluster.Cluster.Get(system);
                var downed = c.State.Unreachable.Select(m => m.Address).ToList();
                foreach (var address in downed)
                {
                    c.Down(address);
                }

                return Results.Ok(new DownedView([.. downed.Select(a => a.ToString()).Order(StringComparer.Ordinal)]));
            })
            .WithName("ClusterDownUnreachable").WithSummary("Marks down every member this node cannot reach");
    }

    internal static ClusterMembersView Members(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
        return new ClusterMembersView(
            cluster.SelfAddress.ToString(),
            state.Leader?.ToString(),
            [.. state.Members.OrderBy(m => m.Address.ToString(), StringComparer.Ordinal).Select(m => View(m, !unreachable.Contains(m.Address)))]);
    }

    private static ClusterStatusView Status(Akka.Cluster.Cluster cluster)
    {
        var state = cluster.State;
        var self = cluster.SelfMember;
        return new ClusterStatusView(
            cluster.SelfAddress.ToString(),
            self.Status.ToString(),
            [.. self.Roles.Order(StringComparer.Ordinal)],
            state.Leader?.ToString(),
            state.Leader == cluster.SelfAddress,
            state.Members.Count,
            state.Members.GroupBy(m => m.Status.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            [.. state.Unreachable.Select(m => m.Address.ToString()).Order(StringComparer.Ordinal)]);
    }

    private static ClusterMemberView View(Member m, bool reachable) =>
        new(m.Address.ToString(), [.. m.Roles.Order(StringComparer.Ordinal)], m.Status.ToString(), reachable);

    private static IResult MemberCommand(ActorSystem system, AddressRequest? body, string verb, Action<Akka.Cluster.Cluster, Address> act, string effect)
    {
        if (ParseAddress(body) is not { } address)
        {
            return InvalidAddress(body);
        }

        var cluster = Akka.Cluster.Cluster.Get(system);
        if (!cluster.State.Members.Any(m => m.Address == address) && !cluster.State.Unreachable.Any(m => m.Address == address))
        {
            return Problem.NotFound("not-a-member", $"{address} is not a member of this cluster; `demeter cluster show` lists the members.");
        }

        act(cluster, address);
        return Results.Accepted(value: new ClusterCommandView(verb, address.ToString(), effect));
    }

    private static Address? ParseAddress(AddressRequest? body)
    {
        if (body?.Address is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            var address = Address.Parse(text);
            return address.HasGlobalScope ? address : null;
        }
        catch (Exception ex) when (ex is UriFormatException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private static IResult InvalidAddress(AddressRequest? body) =>
        Problem.BadRequest(
            "invalid-address",
            body?.Address is { Length: > 0 } text
                ? $"'{text}' is not a cluster node address; addresses look like akka.tcp://demeter@127.0.0.1:4053."
                : "The body needs an address, e.g. {\"address\": \"akka.tcp://demeter@127.0.0.1:4053\"}.");

    private static async Task TailAsync(HttpContext context, ActorSystem system)
    {
        var channel = Channel.CreateBounded<ClusterEventLine>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        var feed = system.ActorOf(ClusterEventFeed.Props(channel.Writer));
        var aborted = context.RequestAborted;
        try
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.StartAsync(aborted);
            await foreach (var line in channel.Reader.ReadAllAsync(aborted))
            {
                await context.Response.WriteAsync(JsonSerializer.Serialize(line, JsonSerializerOptions.Web) + "\n", aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The operator stopped following.
        }
        finally
        {
            system.Stop(feed);
        }
    }
}

/// <summary>This node's view of its cluster: its own address, the leader, and every member.</summary>
public sealed record ClusterMembersView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members);

/// <summary>One member: its address, roles, status (Joining, Up, Leaving, Exiting, Down, ...) and whether this node reaches it.</summary>
public sealed record ClusterMemberView(string Address, IReadOnlyList<string> Roles, string Status, bool Reachable);

/// <summary>This node: where it is, its status and roles, the leader, members by status, and the members it cannot reach.</summary>
public sealed record ClusterStatusView(
    string Address, string Status, IReadOnlyList<string> Roles, string? Leader, bool IsLeader, int Members, IReadOnlyDictionary<string, int> MembersByStatus,
    IReadOnlyList<string> Unreachable);

/// <summary>The leader of the cluster and of each role (null while there is none).</summary>
public sealed record ClusterLeaderView(string? Leader, IReadOnlyDictionary<string, string?> RoleLeaders);

/// <summary>A node address in a request body: akka.tcp://demeter@host:port.</summary>
public sealed record AddressRequest(string? Address);

/// <summary>What a membership command asked for; the membership converges on it within seconds.</summary>
public sealed record ClusterCommandView(string Command, string Address, string Effect);

/// <summary>The members down-unreachable marked down.</summary>
public sealed record DownedView(IReadOnlyList<string> Downed);
