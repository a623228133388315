using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Inference;
using Demeter.Cluster.StorageLocations;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.StorageLocations;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Visualization;

namespace Demeter.Cluster.Photos;

/// <summary>
/// The processing graph of one photo: load the blob → decode with EXIF orientation → container segmentation on the
/// inference role → per container SAHI tiles (crops at least a tile in both dimensions, black tiles skipped) or one
/// direct pass → encode → SelectAsync to the inference role (bounded parallelism, retried on timeout) → per-container
/// assembly and band estimation on this node → counts.
/// </summary>
public static class PhotoProcessingGraph
{
    // A direct pass's crop is letterboxed to the detector's input (640 px for the exports in use) on arrival; sending more
    // than twice that would only cost frame size.
    private const int DirectRegionMaxSidePx = 1280;

    /// <summary>Counts the session's photo; <c>progress</c> is told (done, total) once the regions worth running are known and after each one.</summary>
    public static async Task<PhotoCountResult> RunAsync(
        PhotoSessionState session, PhotoSessionDependencies deps, IMaterializer materializer, Action<int, int>? progress = null)
    {
        var photo = session.Photo ?? throw new InvalidOperationException($"Session {session.SessionId} has no photo.");
        await deps.ProcessingSlots.WaitAsync();
        try
        {
            var (key, calibration) = await CalibrationAsync(session, deps);
            return await RunAsync(session.SessionId, session.Attempt, photo, deps, materializer, progress ?? ((_, _) => { }), key, calibration);
        }
        finally
        {
            deps.ProcessingSlots.Release();
        }
    }

    private sealed record Region(int Container, PixelRect Rect, int Index, bool Sliced);

    /// <summary>
    /// The calibration of the claro's product and packaging (its active config), and its key; no key without a config,
    /// no calibration before the first validated count of that product.
    /// </summary>
    private static async Task<(string? Key, PlantSizeCalibration? Calibration)> CalibrationAsync(PhotoSessionState session, PhotoSessionDependencies deps)
    {
        if (session.StorageLocationId is not { } id || deps.Calibrations is not { } calibrations)
        {
            return (null, null);
        }

        var location = await deps.StorageLocations.Ask<StorageLocationReply>(new GetStorageLocation(id), deps.Settings.TileTimeout);
        if (location.StorageLocation.ActiveConfig is not { } config)
        {
            return (null, null);
        }

        var key = CalibrationKey.For(config.ProductId, config.PackagingId);
        var reply = await calibrations.Ask<PlantSizeCalibrationReply>(new GetPlantSizeCalibration(key), deps.Settings.TileTimeout);
        return (key, reply.Calibration);
    }

    private static async Task<PhotoCountResult> RunAsync(
        Guid sessionId, int attempt, PhotoRef photo, PhotoSessionDependencies deps, IMaterializer materializer, Action<int, int> progress, string? calibrationKey,
        PlantSizeCalibration? calibration)
    {
        var done = 0;
        var toRun = 0;
        var settings = deps.Settings;
        var total = Stopwatch.StartNew();
        DecodedPhoto? decoded = null;
        PhotoSegmented? segmented = null;
        var decodeMs = 0.0;

        // Encoders read the decoded bitmap on pool threads; it may only be freed once none is running, even when the
        // stream fails or is stopped part way (freeing it earlier crashes in native Skia code).
        var encoders = new List<Task>();
        Task<T> Tracked<T>(Func<T> work)
        {
            var task = Task.Run(work);
            lock (encoders)
            {
                encoders.Add(task);
            }

            return task;
        }

        try
        {
            var results = await Source
                .Single(photo)
                .SelectAsync(1, async p =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var bytes = await deps.Blobs.ReadAsync(p.BlobId);
                    decoded = PhotoDecoder.Decode(bytes, new PhotoDecoderOptions { MaxPixels = settings.MaxPixels });
                    decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return decoded;
                })
                .SelectAsync(1, async d =>
                {
                    var (png, _) = await Tracked(() => TileCodec.EncodePng(d.Bitmap, new PixelRect(0, 0, d.Width, d.Height), settings.SegmentationLongSidePx));
                    segmented = await SegmentAsync(deps.InferenceRouter, new SegmentPhoto(sessionId, png, d.Width, d.Height, DateTimeOffset.MaxValue), settings);
                    return (Photo: d, Segmented: segmented);
                })
                .SelectMany(x => Plan(x.Photo, x.Segmented, settings, total => progress(0, toRun = total)))
                .SelectAsync(settings.InferenceParallelism, r => Tracked(() =>
                {
                    var (png, scale) = r.Sliced ? (TileCodec.EncodePng(decoded!.Bitmap, r.Rect), 1.0) : TileCodec.EncodePng(decoded!.Bitmap, r.Rect, DirectRegionMaxSidePx);
                    return (Region: r, Scale: scale, Tile: new InferTile(sessionId, r.Index, r.Rect, png, DateTimeOffset.MaxValue));
                }))
                .SelectAsync(settings.InferenceParallelism, async t =>
                {
                    var (_, inferred) = await InferAsync(deps.InferenceRouter, t.Tile, settings);
                    progress(Interlocked.Increment(ref done), toRun);
                    return (t.Region, t.Scale, Result: inferred);
                })
                .RunWith(Sink.Seq<(Region Region, double Scale, TileInferred Result)>(), materializer);

            var containers = segmented!.Containers;
            var regions = containers.ToDictionary(
                c => c.Index,
                c => (IReadOnlyList<RegionDetections>)results
                    .Where(r => r.Region.Container == c.Index)
                    .OrderBy(r => r.Region.Index)
                    .Select(r => new RegionDetections(r.Region.Rect, Unscale(r.Result.Detections, r.Scale)))
                    .ToList());
            var counted = await Tracked(() => ContainerCounting.Count(decoded!.Bitmap, containers, regions, settings.CountingSettings, calibration));
            var first = results.Count > 0 ? results[0].Result : null;
            var ortMs = results.Sum(t => t.Result.OrtMs);
            await SaveOutputsAsync(sessionId, photo, decoded!, counted, segmented, results.Count, decodeMs, ortMs, total.Elapsed.TotalMilliseconds, first, deps);
            var stored = counted.PerContainer.SelectMany(c => c.Detections.Select(d => new StoredDetection(c.ContainerIndex, d.X1, d.Y1, d.X2, d.Y2, d.Score, d.ClassId, d.Label)));
            await deps.Blobs.PutRenditionAsync(photo.BlobId, DetectionRendition.Name(sessionId, attempt), DetectionRendition.Encode(stored));
            PhotoMeters.Counted(counted.Detected, counted.Estimated, results.Count, total.Elapsed.TotalMilliseconds);
            return new PhotoCountResult(
                Detected: counted.Detected,
                Estimated: counted.Estimated,
                Tiles: results.Count,
                AverageConfidence: counted.Detections.Count == 0 ? 0 : counted.Detections.Average(d => (double)d.Score),
                Timings: new PhotoTimings(decodeMs, ortMs, total.Elapsed.TotalMilliseconds),
                ModelName: first?.ModelName ?? "none",
                ModelSha256: first?.ModelSha256 ?? string.Empty,
                Containers: counted.Containers,
                Confidence: counted.Confidence,
                Warnings: counted.Warnings,
                Segmenter: segmented.SegmenterName,
                Calibration: calibration,
                CalibrationKey: calibrationKey);
        }
        finally
        {
            Task[] running;
            lock (encoders)
            {
                running = [.. encoders];
            }

            await Task.WhenAll(running).ContinueWith(_ => { }, TaskScheduler.Default);
            decoded?.Dispose();
        }
    }

    /// <summary>The regions the detector runs on, within the bounds on the work one photo may cause.</summary>
    private static List<Region> Plan(DecodedPhoto photo, PhotoSegmented segmented, PhotoProcessingSettings settings, Action<int> planned)
    {
        if (segmented.Containers.Count > settings.MaxContainers)
        {
            throw new InvalidOperationException(
                $"The segmenter found {segmented.Containers.Count} containers; at most {settings.MaxContainers} are counted per photo (demeter.photos.max-containers).");
        }

        var regions = ContainerDetectionPlan.Plan(segmented.Containers, photo.Width, photo.Height, settings.TileSizePx, settings.TileOverlap)
            .SelectMany(w => w.Regions.Select(r => (Work: w, Rect: r)))
            .Where(x => !x.Work.Sliced || TileContent.IsWorthDetecting(photo.Bitmap, x.Rect))
            .Select((x, i) => new Region(x.Work.ContainerIndex, x.Rect, i, x.Work.Sliced))
            .ToList();
        if (regions.Count > settings.MaxTiles)
        {
            throw new InvalidOperationException(
                $"The photo's containers need {regions.Count} detector passes; at most {settings.MaxTiles} are run per photo (demeter.photos.max-tiles).");
        }

        planned(regions.Count);
        return regions;
    }

    private static IReadOnlyList<Detection> Unscale(IReadOnlyList<Detection> detections, double scale) =>
        scale == 1 ? detections : detections.Select(d => d with
        {
            X1 = (float)(d.X1 / scale),
            Y1 = (float)(d.Y1 / scale),
            X2 = (float)(d.X2 / scale),
            Y2 = (float)(d.Y2 / scale),
        }).ToList();

    /// <summary>Rendition names of a session's outputs in the blob store, beside its photo.</summary>
    public static string OverlayRendition(Guid sessionId) => $"overlay-{sessionId:N}.png";

    public static string MetricsRendition(Guid sessionId) => $"metrics-{sessionId:N}.json";

    // The overlay and metrics are written before the count is reported, so a completed session always has them.
    private static async Task SaveOutputsAsync(
        Guid sessionId, PhotoRef photo, DecodedPhoto decoded, CountedContainers counted, PhotoSegmented segmented, int processed, double decodeMs, double ortMs,
        double pipelineMs, TileInferred? first, PhotoSessionDependencies deps)
    {
        var settings = deps.Settings;
        var planned = (int)ContainerDetectionPlan.RegionCount(segmented.Containers, decoded.Width, decoded.Height, settings.TileSizePx, settings.TileOverlap);
        var overlay = await Task.Run(() => PhotoOverlay.RenderPng(
            decoded.Bitmap, counted.Detections, counted.Estimated, counted.Estimates, segmented.Containers.Select(c => c.Box).ToList()));
        var metrics = PhotoMetrics.From(
            decoded.Width, decoded.Height, counted.Detections, counted.Estimated, new TileSummary(planned, processed, planned - processed), decodeMs, ortMs, pipelineMs,
            first?.ModelName ?? "none", first?.ModelSha256 ?? string.Empty, segmented.SegmenterName, counted.Confidence, counted.Warnings, counted.Containers,
            settings.CountingSettings.Estimation);
        await deps.Blobs.PutRenditionAsync(photo.BlobId, OverlayRendition(sessionId), overlay);
        await deps.Blobs.PutRenditionAsync(photo.BlobId, MetricsRendition(sessionId), JsonSerializer.SerializeToUtf8Bytes(metrics, MetricsJson));
    }

    private static readonly JsonSerializerOptions MetricsJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Task<PhotoSegmented> SegmentAsync(IActorRef router, SegmentPhoto request, PhotoProcessingSettings settings) =>
        InferenceAsk.AskAsync<PhotoSegmented>(
            router,
            deadline => request with { Deadline = deadline },
            reply => reply switch
            {
                PhotoSegmented r => (r, null),
                SegmentationFailed f => (null, $"{f.Reason} (on {f.Worker})"),
                _ => (null, null),
            },
            "Segmentation",
            settings);

    private static async Task<(InferTile, TileInferred)> InferAsync(IActorRef router, InferTile tile, PhotoProcessingSettings settings)
    {
        var inferred = await InferenceAsk.AskAsync<TileInferred>(
            router,
            deadline => tile with { Deadline = deadline },
            reply => reply switch
            {
                TileInferred r => (r, null),
                TileInferenceFailed f => (null, $"{f.Reason} (on {f.Worker})"),
                _ => (null, null),
            },
            $"Tile {tile.TileIndex}",
            settings);
        return (tile, inferred);
    }
}
