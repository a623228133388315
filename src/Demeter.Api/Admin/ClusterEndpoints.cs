using Akka.Actor;
using Akka.Cluster;

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
            return Results.Ok(new
            {
                self = cluster.SelfAddress.ToString(),
                leader = state.Leader?.ToString(),
                members = state.Members
                    .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
                    .Select(m => new
                    {
                        address = m.Address.ToString(),
                        status = m.Status.ToString(),
                        roles = m.Roles.OrderBy(r => r, StringComparer.Ordinal).ToArray(),
                        reachable = !unreachable.Contains(m.Address),
                    }),
            });
        });

    }
}
