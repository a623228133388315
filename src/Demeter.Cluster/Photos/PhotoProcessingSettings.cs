using Akka.Configuration;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Inference.Pipeline;

namespace Demeter.Cluster.Photos;

/// <summary>The <c>demeter.photos</c> section of cluster.hocon.</summary>
public sealed record PhotoProcessingSettings(
    int TileSizePx, double TileOverlap, int InferenceParallelism, TimeSpan TileTimeout, int TileAttempts, long MaxUploadBytes, long MaxPixels,
    int MaxConcurrentPhotos,
    int MaxTiles = 400,
    double MaxAspectRatio = 10,
    int MaxQueuedPhotos = 32,
    int SegmentationLongSidePx = 1024,
    int MaxContainers = 100,
    ContainerCountingSettings? Counting = null,
    TimeSpan? RetryBackoff = null)
{
    /// <summary>The wait before the first retry of a failed or unanswered inference request; each later one doubles it.</summary>
    public TimeSpan Backoff => RetryBackoff ?? TimeSpan.FromSeconds(1);

    /// <summary>Filters and estimation parameters of the per-container counting stages.</summary>
    public ContainerCountingSettings CountingSettings => Counting ?? new ContainerCountingSettings();

    /// <summary>The section, with a node's own tile size and overlap (<c>--tile-size</c>, <c>--tile-overlap</c>) over it.</summary>
    public static PhotoProcessingSettings For(Config config, Hosting.NodeSettings node)
    {
        var settings = From(config);
        return settings with { TileSizePx = node.TileSizePx ?? settings.TileSizePx, TileOverlap = node.TileOverlap ?? settings.TileOverlap };
    }

    public static PhotoProcessingSettings From(Config config)
    {
        var c = config.GetConfig("demeter.photos");
        var settings = new PhotoProcessingSettings(
            c.GetInt("tile-size-px", 512),
            c.GetDouble("tile-overlap", 0.25),
            c.GetInt("inference-parallelism", 16),
            c.GetTimeSpan("tile-timeout", TimeSpan.FromSeconds(60)),
            c.GetInt("tile-attempts", 3),
            c.GetLong("max-upload-bytes", 50 * 1024 * 1024),
            c.GetLong("max-pixels", 50_000_000),
            c.GetInt("max-concurrent-photos", 2),
            c.GetInt("max-tiles", 400),
            c.GetDouble("max-aspect-ratio", 10),
            c.GetInt("max-queued-photos", 32),
            c.GetInt("segmentation-long-side-px", 1024),
            c.GetInt("max-containers", 100),
            CountingFrom(c),
            c.GetTimeSpan("retry-backoff", TimeSpan.FromSeconds(1)));
        if (settings.TileSizePx is < 32 or > 2048 || settings.TileOverlap is < 0 or >= 1 || settings.InferenceParallelism < 1 || settings.TileAttempts < 1
            || settings.MaxConcurrentPhotos < 1 || settings.MaxTiles < 1 || settings.MaxAspectRatio < 1 || settings.MaxQueuedPhotos < 1
            || settings.SegmentationLongSidePx < 32 || settings.MaxContainers < 1 || settings.Backoff < TimeSpan.Zero)
        {
            throw new ConfigurationException($"Invalid demeter.photos settings: {settings}.");
        }

        try
        {
            settings.CountingSettings.Estimation.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationException($"Invalid demeter.photos.estimation settings: {ex.Message}");
        }

        return settings;
    }

    private static ContainerCountingSettings CountingFrom(Config photos)
    {
        var e = photos.GetConfig("estimation") ?? ConfigurationFactory.Empty;
        var defaults = new EstimationSettings();
        return new ContainerCountingSettings
        {
            Estimate = e.GetBoolean("enabled", true),
            Filters = new DetectionFilterSettings { MinAreaPx = (float)photos.GetDouble("min-detection-area-px", 100) },
            Estimation = defaults with
            {
                Bands = e.GetInt("bands", defaults.Bands),
                Alpha = e.GetDouble("alpha", defaults.Alpha),
                FallbackPlantAreaPx = e.GetDouble("fallback-plant-area-px", defaults.FallbackPlantAreaPx),
                MinCalibrationDetections = e.GetInt("min-calibration-detections", defaults.MinCalibrationDetections),
                CircleRadiusFactor = e.GetDouble("circle-radius-factor", defaults.CircleRadiusFactor),
                MinOtsuSeparation = e.GetDouble("min-otsu-separation", defaults.MinOtsuSeparation),
                NoiseFloorFraction = e.GetDouble("noise-floor-fraction", defaults.NoiseFloorFraction),
            },
        };
    }
}
