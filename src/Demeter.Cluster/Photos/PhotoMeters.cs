using Prometheus;

namespace Demeter.Cluster.Photos;

/// <summary>
/// The photo path's measurements in the node's Prometheus registry (served by the API host's /metrics): photos counted,
/// plants detected and estimated, detector passes, and the time a photo's graph took.
/// </summary>
public static class PhotoMeters
{
    private static readonly Counter Photos = Metrics.CreateCounter("demeter_photos_counted_total", "Photos whose count was computed");

    private static readonly Counter Plants = Metrics.CreateCounter(
        "demeter_photos_plants_total", "Plants counted, by how they were found", new CounterConfiguration { LabelNames = ["source"] });

    private static readonly Counter Passes = Metrics.CreateCounter("demeter_photos_detector_passes_total", "Tiles and direct passes run through the detector");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "demeter_photos_pipeline_seconds", "Wall time of a photo's processing graph", new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.25, 2, 8) });

    public static void Counted(int detected, int estimated, int passes, double pipelineMs)
    {
        Photos.Inc();
        Plants.WithLabels("detected").Inc(detected);
        Plants.WithLabels("estimated").Inc(estimated);
        Passes.Inc(passes);
        Duration.Observe(pipelineMs / 1000);
    }
}
