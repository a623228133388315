using Prometheus;

namespace Demeter.Cluster.Operations;

/// <summary>
/// The node's own measurements in its Prometheus registry (every node serves them on its admin endpoint's /metrics):
/// inference per device, journal writes, the projection, the membership, the shards, and the photo sessions by state.
/// The names are the ones docker/prometheus/alerts.yml and docker/grafana/demeter.json use.
/// </summary>
public static class NodeMetrics
{
    public static readonly Counter InferenceTiles = Metrics.CreateCounter(
        "demeter_inference_tiles_total", "Tiles run through the detector on this node, by device", "device");

    public static readonly Histogram InferenceRun = Metrics.CreateHistogram(
        "demeter_inference_run_seconds",
        "One Run of the detector (a tile, or a batch of tiles where the model allows), by device",
        new HistogramConfiguration { LabelNames = ["device"], Buckets = Histogram.ExponentialBuckets(0.002, 2, 12) });

    public static readonly Gauge InferenceQueue = Metrics.CreateGauge(
        "demeter_inference_queue_depth", "Tiles waiting on this node's inference worker, by device", "device");

    public static readonly Histogram JournalWrite = Metrics.CreateHistogram(
        "demeter_journal_write_seconds",
        "From an entity's write to the journal's confirmation of it",
        new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 14) });

    public static readonly Counter ProjectedEvents = Metrics.CreateCounter(
        "demeter_projection_events_total", "Journal events the projector applied to the read model");

    public static readonly Gauge ProjectionLag = Metrics.CreateGauge(
        "demeter_projection_lag_events", "Journal events not yet in the read model (reported by the node running the projector)");

    public static readonly Gauge ClusterMembers = Metrics.CreateGauge(
        "demeter_cluster_members", "Members of the cluster as this node sees them, by status", "status");

    public static readonly Gauge UnreachableMembers = Metrics.CreateGauge(
        "demeter_cluster_unreachable_members", "Members this node cannot reach");

    public static readonly Gauge Shards = Metrics.CreateGauge(
        "demeter_sharding_shards", "Shards this node's region of an entity type holds", "type");

    public static readonly Gauge Entities = Metrics.CreateGauge(
        "demeter_sharding_entities", "Entities alive in this node's region of an entity type", "type");

    public static readonly Gauge PhotoSessions = Metrics.CreateGauge(
        "demeter_photo_sessions", "Photo sessions by status in the read model (reported by the node running the projector)", "status");
}
