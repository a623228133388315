using Akka.Actor;
using Akka.Cluster.Sharding;
using Dapper;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Prometheus;

namespace Demeter.Cluster.Operations;

/// <summary>
/// Fills the node's gauges just before each scrape: membership and shards from this node's own view; the projection's
/// lag and the photo sessions by status from the database, on the projector node only (so a sum over the nodes counts
/// them once).
/// </summary>
public static class NodeMetricsCollector
{
    private static readonly TimeSpan StatsTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The statuses as the read model stores them (the enum's names); labelled as the API spells them.</summary>
    private static readonly string[] SessionStatuses =
        [.. Enum.GetNames<Domain.Photos.Sessions.PhotoSessionStatus>().Where(s => s != nameof(Domain.Photos.Sessions.PhotoSessionStatus.None))];

    public static void Register(ActorSystem system, NodeSettings node, ReadModelDatabase readModel, string journalTable)
    {
        Metrics.DefaultRegistry.AddBeforeCollectCallback(async ct =>
        {
            if (system.WhenTerminated.IsCompleted)
            {
                return;
            }

            try
            {
                Membership(system);
                if (node.HasRole(NodeRoles.Domain))
                {
                    await ShardsAsync(system);
                }

                if (node.HasRole(NodeRoles.Projector))
                {
                    await DatabaseAsync(readModel, journalTable, ct);
                }
            }
            catch (Exception ex) when (ex is AskTimeoutException or System.Data.Common.DbException or InvalidOperationException or OperationCanceledException)
            {
                // A scrape answers with what it has: a gauge keeps its last value while the cluster or database is busy.
            }
        });
    }

    private static void Membership(ActorSystem system)
    {
        var state = Akka.Cluster.Cluster.Get(system).State;
        foreach (var status in Enum.GetValues<Akka.Cluster.MemberStatus>())
        {
            NodeMetrics.ClusterMembers.WithLabels(status.ToString()).Set(state.Members.Count(m => m.Status == status));
        }

        NodeMetrics.UnreachableMembers.Set(state.Unreachable.Count);
    }

    private static async Task ShardsAsync(ActorSystem system)
    {
        var sharding = ClusterSharding.Get(system);
        foreach (var type in sharding.ShardTypeNames)
        {
            var stats = await sharding.ShardRegion(type).Ask<ShardRegionStats>(GetShardRegionStats.Instance, StatsTimeout);
            NodeMetrics.Shards.WithLabels(type).Set(stats.Stats.Count);
            NodeMetrics.Entities.WithLabels(type).Set(stats.Stats.Values.Sum());
        }
    }

    private static async Task DatabaseAsync(ReadModelDatabase readModel, string journalTable, CancellationToken ct)
    {
        await using var connection = await readModel.OpenAsync(ct);
        var (head, projected) = await ProjectionWatermark.QueryPositionsAsync(connection, journalTable, ct);
        NodeMetrics.ProjectionLag.Set(Math.Max(0, head - projected));
        var counts = (await connection.QueryAsync<(string Status, long Count)>(new CommandDefinition(
                "SELECT status, COUNT(*) FROM photo_sessions GROUP BY status", cancellationToken: ct)))
            .ToDictionary(r => r.Status, r => r.Count, StringComparer.Ordinal);
        foreach (var status in SessionStatuses.Union(counts.Keys))
        {
            NodeMetrics.PhotoSessions.WithLabels(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status)).Set(counts.GetValueOrDefault(status));
        }
    }
}
