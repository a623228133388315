using Akka.Configuration;

namespace Demeter.Cluster.Photos;

/// <summary>The <c>demeter.photos</c> section of cluster.hocon.</summary>
public sealed record PhotoProcessingSettings(
    int TileSizePx, double TileOverlap, int InferenceParallelism, TimeSpan TileTimeout, int TileAttempts, long MaxUploadBytes, long MaxPixels,
    int MaxConcurrentPhotos,
    int MaxTiles = 400,
    double MaxAspectRatio = 10,
    int MaxQueuedPhotos = 32)
{
    public static PhotoProcessingSettings From(Config config)
    {
        var c = config.GetConfig("demeter.photos");
        var settings = new PhotoProcessingSettings(
            c.GetInt("tile-size-px", 512),
            c.GetDouble("tile-overlap", 0.25),
            c.GetInt("inference-parallelism", 4),
            c.GetTimeSpan("tile-timeout", TimeSpan.FromSeconds(60)),
            c.GetInt("tile-attempts", 3),
            c.GetLong("max-upload-bytes", 50 * 1024 * 1024),
            c.GetLong("max-pixels", 50_000_000),
            c.GetInt("max-concurrent-photos", 2),
            c.GetInt("max-tiles", 400),
            c.GetDouble("max-aspect-ratio", 10),
            c.GetInt("max-queued-photos", 32));
        if (settings.TileSizePx < 32 || settings.TileOverlap is < 0 or >= 1 || settings.InferenceParallelism < 1 || settings.TileAttempts < 1
            || settings.MaxConcurrentPhotos < 1 || settings.MaxTiles < 1 || settings.MaxAspectRatio < 1 || settings.MaxQueuedPhotos < 1)
        {
            throw new ConfigurationException($"Invalid demeter.photos settings: {settings}.");
        }

        return settings;
    }
}
