using Akka.Actor;
using Akka.Cluster.Sharding;
using Demeter.Api.Auth;
using Demeter.Api.Problems;
using Demeter.Domain.Users;

namespace Demeter.Api.Admin;

/// <summary>
/// The shard regions (the `demeter cluster sharding` verbs): the entity types and where their regions run, one region's
/// shards and entity counts, and the shards and entities of every region of a type. Admin role only.
/// </summary>
public static class ShardingAdminRoutes
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(5);

    public static void MapShardingAdminRoutes(this IEndpointRouteBuilder app)
    {
        var sharding = app.MapGroup("/admin/v1/sharding").WithTags("Admin").RequireRole(Role.Admin);
        sharding.MapGet("/regions", async (ActorSystem system) =>
            {
                var extension = ClusterSharding.Get(system);
                var regions = new List<ShardRegionView>();
                foreach (var type in extension.ShardTypeNames.Order(StringComparer.Ordinal))
                {
                    var region = extension.ShardRegion(type);
                    var current = await region.Ask<CurrentRegions>(GetCurrentRegions.Instance, StatsTimeout);
                    regions.Add(new ShardRegionView(
                        type, HostsRegion(system), [.. current.Regions.Select(a => Full(a, system)).Order(StringComparer.Ordinal)]));
                }

                return Results.Ok(new ShardRegionsView(Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), regions));
            })
            .WithName("ShardingRegions").WithSummary("Each entity type: whether this node hosts a region of it (or only a proxy), and the nodes that do");
        sharding.MapGet("/{type}/region-stats", async (ActorSystem system, string type) =>
            {
                if (Region(system, type) is not { } region)
                {
                    return UnknownType(system, type);
                }

                var stats = await region.Ask<ShardRegionStats>(GetShardRegionStats.Instance, StatsTimeout);
                var shards = stats.Stats.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new ShardView(s.Key, s.Value)).ToList();
                return Results.Ok(new RegionStatsView(
                    type, Akka.Cluster.Cluster.Get(system).SelfAddress.ToString(), HostsRegion(system), shards.Count, shards.Sum(s => s.Entities), shards));
            })
            .WithName("ShardingRegionStats").WithSummary("This node's region of a type: its shards and the entities alive in each");
        sharding.MapGet("/{type}/stats", async (ActorSystem system, string type) =>
            {
                if (Region(system, type) is not { } region)
                {
                    return UnknownType(system, type);
                }

                var stats = await region.Ask<ClusterShardingStats>(new GetClusterShardingStats(StatsTimeout), StatsTimeout + TimeSpan.FromSeconds(1));
                var regions = stats.Regions
                    .Select(r => new RegionTotalsView(Full(r.Key, system), r.Value.Stats.Count, r.Value.Stats.Values.Sum()))
                    .OrderBy(r => r.Address, StringComparer.Ordinal)
                    .ToList();
                return Results.Ok(new ShardingStatsView(type, regions));
            })
            .WithName("ShardingStats").WithSummary("Every region of a type across the cluster: its node, shards and entities");
    }

    private static IActorRef? Region(ActorSystem system, string type)
    {
        var extension = ClusterSharding.Get(system);
        return extension.ShardTypeNames.Contains(type) ? extension.ShardRegion(type) : null;
    }

    /// <summary>Every type's region runs on the sharding role (domain); other nodes hold proxies.</summary>
    private static bool HostsRegion(ActorSystem system)
    {
        var role = ClusterShardingSettings.Create(system).Role;
        return string.IsNullOrEmpty(role) || Akka.Cluster.Cluster.Get(system).SelfRoles.Contains(role);
    }

    /// <summary>The region of this node answers with a local address (no host): report it as this node's.</summary>
    private static string Full(Address address, ActorSystem system) =>
        (address.HasGlobalScope ? address : Akka.Cluster.Cluster.Get(system).SelfAddress).ToString();

    private static IResult UnknownType(ActorSystem system, string type) =>
        Problem.NotFound(
            "unknown-entity-type",
            $"No shard region '{type}' on this node; the types are {string.Join(", ", ClusterSharding.Get(system).ShardTypeNames.Order(StringComparer.Ordinal))}.");
}

/// <summary>The entity types of the node's shard regions.</summary>
public sealed record ShardRegionsView(string Node, IReadOnlyList<ShardRegionView> Regions);

/// <summary>One entity type: whether this node hosts a region of it, and the nodes that host one.</summary>
public sealed record ShardRegionView(string Type, bool HostedHere, IReadOnlyList<string> Regions);

/// <summary>One region's shards and the entities alive in each.</summary>
public sealed record RegionStatsView(string Type, string Address, bool HostedHere, int Shards, int Entities, IReadOnlyList<ShardView> ShardList);

public sealed record ShardView(string Id, int Entities);

/// <summary>Every region of a type: node address, shards, entities.</summary>
public sealed record ShardingStatsView(string Type, IReadOnlyList<RegionTotalsView> Regions);

public sealed record RegionTotalsView(string Address, int Shards, int Entities);
