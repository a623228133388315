using Akka.Actor;
using Akka.Cluster.Routing;
using Akka.Cluster.Sharding;
using Akka.Cluster.Tools.Singleton;
using Akka.Hosting;
using Akka.Routing;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Catalog;
using Demeter.Cluster.Inference;
using Demeter.Cluster.Layout;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Stock;
using Demeter.Cluster.StorageLocations;

namespace Demeter.Cluster.Hosting;

/// <summary>
/// Starts what a node runs for its roles: domain nodes host the shard regions and the layout and catalog singletons,
/// other nodes reach them through proxies; projector nodes host the read-model projector singleton; inference nodes
/// host the inference worker.
/// </summary>
public static class DemeterTopology
{
    public const string StockBatchType = "stock-batch";
    public const string StorageLocationType = "storage-location";
    public const string TransplantType = "transplant";
    public const string PhotoSessionType = "photo-session";
    public const string PlantSizeCalibrationType = "plant-size-calibration";
    public const string InferenceWorkerName = "inference-worker";

    public static void Start(ActorSystem system, IActorRegistry registry, NodeSettings node, NodeServices services)
    {
        var config = system.Settings.Config;
        var snapshotEvery = config.GetInt("demeter.snapshot-every", 100);
        var sharding = ClusterSharding.Get(system);
        var extractor = new EntityMessageExtractor();

        IActorRef? localInference = null;
        if (node.HasRole(NodeRoles.Inference))
        {
            var model = InferenceModel.Load(config, node);
            localInference = system.ActorOf(InferenceWorker.Props(model, InferenceSettings.From(config).QueueCapacity), InferenceWorkerName);
        }

        var paths = new[] { $"/user/{InferenceWorkerName}" };
        var inferenceRouter = system.ActorOf(
            new ClusterRouterGroup(
                    new RoundRobinGroup(paths),
                    new ClusterRouterGroupSettings(10_000, paths, allowLocalRoutees: true, useRole: NodeRoles.Inference))
                .Props(),
            "inference-router");
        registry.Register<ActorKeys.InferenceRouter>(inferenceRouter);

        IActorRef stock, locations, transplants, photos, calibrations, layout, catalog;
        if (node.HasRole(NodeRoles.Domain))
        {
            var settings = ClusterShardingSettings.Create(system).WithRole(NodeRoles.Domain);
            stock = sharding.Start(StockBatchType, id => StockBatchActor.Props(Guid.ParseExact(id, "N"), snapshotEvery), settings, extractor);

            // Remembered while they owe work (a count to book, a transplant to finish), so a crash resumes them;
            // each passivates itself once it owes nothing.
            var idle = config.GetTimeSpan("akka.cluster.sharding.passivate-idle-entity-after", TimeSpan.FromMinutes(2));
            var locationDeps = new StorageLocationDependencies(stock, () => sharding.ShardRegion(PhotoSessionType), snapshotEvery, idle);
            locations = sharding.Start(
                StorageLocationType,
                id => StorageLocationActor.Props(int.Parse(id, System.Globalization.CultureInfo.InvariantCulture), locationDeps),
                settings.WithRememberEntities(true),
                extractor);
            var transplantDeps = new TransplantDependencies(stock, locations, snapshotEvery);
            transplants = sharding.Start(
                TransplantType, id => TransplantActor.Props(Guid.ParseExact(id, "N"), transplantDeps), settings.WithRememberEntities(true), extractor);

            system.ActorOf(
                ClusterSingletonManager.Props(
                    LayoutActor.Props(snapshotEvery),
                    PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(NodeRoles.Domain)),
                "layout");
            system.ActorOf(
                ClusterSingletonManager.Props(
                    CatalogActor.Props(snapshotEvery),
                    PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(NodeRoles.Domain)),
                "catalog");
            layout = SingletonProxy(system, "layout");
            catalog = SingletonProxy(system, "catalog");

            var photoSettings = PhotoProcessingSettings.From(config);
            calibrations = sharding.Start(
                PlantSizeCalibrationType,
                key => PlantSizeCalibrationActor.Props(key, photoSettings.CountingSettings.Estimation, snapshotEvery),
                settings,
                extractor);
            var dependencies = new PhotoSessionDependencies(
                locations, layout, inferenceRouter, services.Blobs, photoSettings, snapshotEvery, () => sharding.ShardRegion(PhotoSessionType), calibrations,
                localInference);

            // Remembered: a session interrupted by a crash is restarted and resumes its processing.
            photos = sharding.Start(
                PhotoSessionType,
                id => PhotoSessionActor.Props(Guid.ParseExact(id, "N"), dependencies),
                settings.WithRememberEntities(true),
                extractor);
        }
        else
        {
            stock = sharding.StartProxy(StockBatchType, NodeRoles.Domain, extractor);
            locations = sharding.StartProxy(StorageLocationType, NodeRoles.Domain, extractor);
            transplants = sharding.StartProxy(TransplantType, NodeRoles.Domain, extractor);
            photos = sharding.StartProxy(PhotoSessionType, NodeRoles.Domain, extractor);
            calibrations = sharding.StartProxy(PlantSizeCalibrationType, NodeRoles.Domain, extractor);
            layout = SingletonProxy(system, "layout");
            catalog = SingletonProxy(system, "catalog");
        }

        if (node.HasRole(NodeRoles.Projector) && config.GetBoolean("demeter.projection.enabled", true))
        {
            system.ActorOf(
                ClusterSingletonManager.Props(
                    ProjectorActor.Props(new ReadModelProjection(services.ReadModel, blobs: services.Blobs), ProjectionSettings.From(config)),
                    PoisonPill.Instance,
                    ClusterSingletonManagerSettings.Create(system).WithRole(NodeRoles.Projector)),
                "projector");
        }

        registry.Register<ActorKeys.Projector>(system.ActorOf(
            ClusterSingletonProxy.Props("/user/projector", ClusterSingletonProxySettings.Create(system).WithRole(NodeRoles.Projector)), "projector-proxy"));
        registry.Register<ActorKeys.StockBatchRegion>(stock);
        registry.Register<ActorKeys.StorageLocationRegion>(locations);
        registry.Register<ActorKeys.TransplantRegion>(transplants);
        registry.Register<ActorKeys.PhotoSessionRegion>(photos);
        registry.Register<ActorKeys.PlantSizeCalibrationRegion>(calibrations);
        registry.Register<ActorKeys.Layout>(layout);
        registry.Register<ActorKeys.Catalog>(catalog);

        Operations.NodeMetricsCollector.Register(
            system, node, services.ReadModel, config.GetString("akka.persistence.journal.sql.default.journal.table-name", "journal"));

        if (node.SeedNodes.Count == 0)
        {
            // No seeds configured: this node is a cluster of its own (the embedded default).
            var cluster = Akka.Cluster.Cluster.Get(system);
            cluster.Join(cluster.SelfAddress);
        }
    }

    private static IActorRef SingletonProxy(ActorSystem system, string name) =>
        system.ActorOf(
            ClusterSingletonProxy.Props($"/user/{name}", ClusterSingletonProxySettings.Create(system).WithRole(NodeRoles.Domain)),
            $"{name}-proxy");
}

/// <summary>Non-actor services the topology hands to its actors.</summary>
public sealed record NodeServices(ReadModelDatabase ReadModel, BlobStore Blobs);
