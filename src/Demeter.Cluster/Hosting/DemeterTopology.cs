using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Routing;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Routing;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Catalog;
using Demeter.Cluster.Inference;
using Demeter.Cluster.Layout;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Recovery;
using Demeter.Cluster.Stock;
using Demeter.Cluster.StorageLocations;

namespace Demeter.Cluster.Hosting;

/// <summary>
/// What a node runs for its roles, declared on the Akka.Hosting builder: domain nodes host the shard regions and the
/// layout and catalog singletons, other nodes reach them through proxies; projector nodes host the read-model projector
/// singleton; inference nodes host the inference worker. Each entry point is registered under its <see cref="ActorKeys"/>.
/// </summary>
public static class DemeterTopology
{
    public const string StockBatchType = "stock-batch";
    public const string StorageLocationType = "storage-location";
    public const string TransplantType = "transplant";
    public const string PhotoSessionType = "photo-session";
    public const string PlantSizeCalibrationType = "plant-size-calibration";
    public const string InferenceWorkerName = "inference-worker";

    /// <summary>Declares the node's actors; <paramref name="config"/> is cluster.hocon with its overrides, read for the actors' own settings.</summary>
    public static AkkaConfigurationBuilder WithDemeterTopology(this AkkaConfigurationBuilder builder, NodeSettings node, NodeServices services, Config config)
    {
        var snapshotEvery = config.GetInt("demeter.snapshot-every", 100);
        var extractor = new EntityMessageExtractor();

        builder.WithInference(node, config);
        if (node.HasRole(NodeRoles.Domain))
        {
            builder.WithDomainEntities(config, services, snapshotEvery, extractor);
        }
        else
        {
            var domain = new ClusterSingletonOptions { Role = NodeRoles.Domain };
            builder
                .WithShardRegionProxy<ActorKeys.StockBatchRegion>(StockBatchType, NodeRoles.Domain, extractor)
                .WithShardRegionProxy<ActorKeys.StorageLocationRegion>(StorageLocationType, NodeRoles.Domain, extractor)
                .WithShardRegionProxy<ActorKeys.TransplantRegion>(TransplantType, NodeRoles.Domain, extractor)
                .WithShardRegionProxy<ActorKeys.PhotoSessionRegion>(PhotoSessionType, NodeRoles.Domain, extractor)
                .WithShardRegionProxy<ActorKeys.PlantSizeCalibrationRegion>(PlantSizeCalibrationType, NodeRoles.Domain, extractor)
                .WithSingletonProxy<ActorKeys.Layout>("layout", domain)
                .WithSingletonProxy<ActorKeys.Catalog>("catalog", domain);
        }

        var projector = new ClusterSingletonOptions { Role = NodeRoles.Projector, TerminationMessage = PoisonPill.Instance };
        if (node.HasRole(NodeRoles.Projector) && config.GetBoolean("demeter.projection.enabled", true))
        {
            builder.WithSingleton<ActorKeys.Projector>(
                "projector", ProjectorActor.Props(new ReadModelProjection(services.ReadModel, blobs: services.Blobs), ProjectionSettings.From(config)), projector);
        }
        else
        {
            builder.WithSingletonProxy<ActorKeys.Projector>("projector", projector);
        }

        return builder.WithActors((system, _) =>
        {
            Operations.NodeMetricsCollector.Register(
                system, node, services.ReadModel, config.GetString("akka.persistence.journal.sql.default.journal.table-name", "journal"));

            if (node.SeedNodes.Count == 0)
            {
                // No seeds configured: this node is a cluster of its own (the embedded default).
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            }
        });
    }

    /// <summary>The node's inference worker (inference role) and, on every node, the router that spreads requests over the workers of the cluster.</summary>
    private static void WithInference(this AkkaConfigurationBuilder builder, NodeSettings node, Config config) =>
        builder.WithActors((system, registry) =>
        {
            if (node.HasRole(NodeRoles.Inference))
            {
                var model = InferenceModel.Load(config, node);
                registry.Register<ActorKeys.InferenceWorker>(
                    system.ActorOf(InferenceWorker.Props(model, InferenceSettings.From(config).QueueCapacity), InferenceWorkerName));
            }

            var paths = new[] { $"/user/{InferenceWorkerName}" };
            registry.Register<ActorKeys.InferenceRouter>(system.ActorOf(
                new ClusterRouterGroup(
                        new RoundRobinGroup(paths),
                        new ClusterRouterGroupSettings(10_000, paths, allowLocalRoutees: true, useRole: NodeRoles.Inference))
                    .Props(),
                "inference-router"));
        });

    private static void WithDomainEntities(this AkkaConfigurationBuilder builder, Config config, NodeServices services, int snapshotEvery, EntityMessageExtractor extractor)
    {
        // Claros, transplants and photo sessions are remembered while they owe work (a count to book, a transplant to
        // finish, a photo to count), so a crash resumes them; each passivates itself once it owes nothing. The rest of
        // the sharding settings (stores, plugins, passivation) are cluster.hocon's akka.cluster.sharding.
        var forgotten = new ShardOptions { Role = NodeRoles.Domain, RememberEntities = false };
        var remembered = new ShardOptions { Role = NodeRoles.Domain, RememberEntities = true };
        var idle = config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after", TimeSpan.FromMinutes(2));
        var domain = new ClusterSingletonOptions { Role = NodeRoles.Domain, TerminationMessage = PoisonPill.Instance };

        builder
            .WithShardRegion<ActorKeys.StockBatchRegion>(
                StockBatchType, id => StockBatchActor.Props(Guid.ParseExact(id, "N"), snapshotEvery), extractor, forgotten)
            .WithShardRegion<ActorKeys.StorageLocationRegion>(
                StorageLocationType,
                (_, registry, _) =>
                {
                    var deps = new StorageLocationDependencies(
                        registry.Get<ActorKeys.StockBatchRegion>(), registry.Get<ActorKeys.PhotoSessionRegion>, snapshotEvery, idle);
                    return id => StorageLocationActor.Props(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), deps);
                },
                extractor,
                remembered)
            .WithShardRegion<ActorKeys.TransplantRegion>(
                TransplantType,
                (_, registry, _) =>
                {
                    var deps = new TransplantDependencies(registry.Get<ActorKeys.StockBatchRegion>(), registry.Get<ActorKeys.StorageLocationRegion>(), snapshotEvery);
                    return id => TransplantActor.Props(Guid.ParseExact(id, "N"), deps);
                },
                extractor,
                remembered)
            .WithSingleton<ActorKeys.Layout>("layout", LayoutActor.Props(snapshotEvery), domain)
            .WithSingleton<ActorKeys.Catalog>("catalog", CatalogActor.Props(snapshotEvery), domain)
            .WithShardRegion<ActorKeys.PlantSizeCalibrationRegion>(
                PlantSizeCalibrationType,
                key => PlantSizeCalibrationActor.Props(key, services.PhotoSettings.CountingSettings.Estimation, snapshotEvery),
                extractor,
                forgotten)
            .WithShardRegion<ActorKeys.PhotoSessionRegion>(
                PhotoSessionType,
                (_, registry, _) =>
                {
                    var deps = new PhotoSessionDependencies(
                        registry.Get<ActorKeys.StorageLocationRegion>(),
                        registry.Get<ActorKeys.Layout>(),
                        registry.Get<ActorKeys.InferenceRouter>(),
                        services.Blobs,
                        services.PhotoSettings,
                        snapshotEvery,
                        registry.Get<ActorKeys.PhotoSessionRegion>,
                        registry.Get<ActorKeys.PlantSizeCalibrationRegion>(),
                        registry.TryGet<ActorKeys.InferenceWorker>(out var local) ? local : null);
                    return id => PhotoSessionActor.Props(Guid.ParseExact(id, "N"), deps);
                },
                extractor,
                remembered)
            .WithSingleton<ActorKeys.UnfinishedWorkSweeper>(
                "unfinished-work",
                (_, registry, _) => UnfinishedWorkSweeper.Props(
                    services.ReadModel, registry.Get<ActorKeys.TransplantRegion>(), registry.Get<ActorKeys.PhotoSessionRegion>(), UnfinishedWorkSettings.From(config)),
                domain);
    }
}

/// <summary>Non-actor services the topology hands to its actors.</summary>
public sealed record NodeServices(ReadModelDatabase ReadModel, BlobStore Blobs, PhotoProcessingSettings PhotoSettings);
