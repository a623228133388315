using Akka.Actor;
using Akka.Cluster;
using Demeter.Api.Auth;
using Demeter.Domain.Users;

namespace Demeter.Api.Admin;

/// <summary>Cluster membership as this node sees it (the CLI's `demeter cluster show`).</summary>
public static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/cluster/members", (ActorSystem system) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                var state = cluster.State;
                var unreachable = state.Unreachable.Select(m => m.Address).ToHashSet();
                return Results.Ok(new ClusterMembersView(
                    cluster.SelfAddress.ToString(),
                    state.Leader?.ToString(),
                    state.Members
                        .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
                        .Select(m => new ClusterMemberView(
                            m.Address.ToString(), m.Status.ToString(), m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray(), !unreachable.Contains(m.Address)))
                        .ToList()));
            }).RequireRole(Role.Admin)
            .WithName("ClusterMembers").WithTags("Cluster").WithSummary("The cluster's members as this node sees them: address, status, roles, reachability")
            .Produces<ClusterMembersView>();
    }
}

/// <summary>This node's view of its cluster: its own address, the leader, and every member.</summary>
public sealed record ClusterMembersView(string Self, string? Leader, IReadOnlyList<ClusterMemberView> Members);

/// <summary>One member: its address, status (Joining, Up, Leaving, ...), roles, and whether this node can reach it.</summary>
public sealed record ClusterMemberView(string Address, string Status, IReadOnlyList<string> Roles, bool Reachable);
