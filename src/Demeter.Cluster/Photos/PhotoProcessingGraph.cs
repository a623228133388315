using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Inference;
using Demeter.Cluster.Operations;
using Demeter.Cluster.StorageLocations;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.StorageLocations;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Visualization;
using SkiaSharp;

namespace Demeter.Cluster.Photos;

/// <summary>
/// The processing graph of one photo: load the blob → decode once, with EXIF orientation → container segmentation on
/// the inference role → per container SAHI tiles (crops at least a tile in both dimensions, black tiles skipped) or one
/// direct pass → SelectAsync to the inference role (bounded parallelism, retried on timeout; a worker in this process
/// reads the pixels in place, another node is sent them raw) → per-container assembly and band estimation on this
/// node → counts.
/// </summary>
public static class PhotoProcessingGraph
{
    /// <summary>Counts the session's photo; <c>progress</c> is told (done, total) once the regions worth running are known and after each one.</summary>
    public static async Task<PhotoCountResult> RunAsync(
        PhotoSessionState session, PhotoSessionDependencies deps, IMaterializer materializer, Action<int, int>? progress = null)
    {
        var photo = session.Photo ?? throw new InvalidOperationException($"Session {session.SessionId} has no photo.");

        // The photo's trace: a child of its upload's request, wherever and whenever the session runs it.
        using var span = Tracing.StartFrom("photo.count", session.TraceParent);
        span?.SetTag("demeter.photo_session", session.SessionId.ToString("D"));
        span?.SetTag("demeter.attempt", session.Attempt);
        await deps.ProcessingSlots.WaitAsync();
        try
        {
            var (key, calibration) = await CalibrationAsync(session, deps);
            var result = await RunAsync(
                session.SessionId, session.Attempt, photo, deps, materializer, progress ?? ((_, _) => { }), key, calibration, span?.Context ?? default);
            span?.SetTag("demeter.detected", result.Detected);
            span?.SetTag("demeter.estimated", result.Estimated);
            span?.SetTag("demeter.tiles", result.Tiles);
            return result;
        }
        catch (Exception ex)
        {
            span?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
        finally
        {
            deps.ProcessingSlots.Release();
        }
    }

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
        PlantSizeCalibration? calibration, ActivityContext trace)
    {
        var done = 0;
        var toRun = 0;
        var settings = deps.Settings;
        var total = Stopwatch.StartNew();
        SharedBitmap? shared = null;
        PhotoSegmented? segmented = null;
        var decodeMs = 0.0;
        try
        {
            var results = await Source
                .Single(photo)
                .SelectAsync(1, async p =>
                {
                    using var decoding = Tracing.StartChild("photo.decode", trace);
                    var started = Stopwatch.GetTimestamp();
                    var bytes = await deps.Blobs.ReadAsync(p.BlobId);
                    var decoded = await Task.Run(() => PhotoDecoder.Decode(bytes, new PhotoDecoderOptions { MaxPixels = settings.MaxPixels }));

                    // The shared bitmap owns the decoded pixels from here: workers of this process read tiles in place.
                    shared = new SharedBitmap(decoded.Bitmap);
                    decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return shared;
                })
                .SelectAsync(1, async s =>
                {
                    using var segmenting = Tracing.StartChild("photo.segment", trace);
                    using var small = new SharedBitmap(await Task.Run(() => Read(s, b => SegmenterInput.Downscale(b, settings.SegmentationLongSidePx))));
                    var request = new SegmentPhoto(
                        sessionId, new InferencePixels(small, new PixelRect(0, 0, small.Width, small.Height)), s.Width, s.Height, DateTimeOffset.MaxValue,
                        segmenting?.Context ?? trace);
                    segmented = await SegmentAsync(deps, request, settings);
                    return (Photo: s, Segmented: segmented);
                })
                .SelectMany(x => Read(x.Photo, b => Plan(b, x.Segmented, settings, count => progress(0, toRun = count))))
                .SelectAsync(settings.InferenceParallelism, async pass =>
                {
                    var (result, scale) = await InferAsync(deps, sessionId, shared!, pass, settings, trace);
                    progress(Interlocked.Increment(ref done), toRun);
                    return (Pass: pass, Scale: scale, Result: result);
                })
                .RunWith(Sink.Seq<(DetectionPass Pass, double Scale, TileInferred Result)>(), materializer);

            var containers = segmented!.Containers;
            var regions = containers.ToDictionary(
                c => c.Index,
                c => (IReadOnlyList<RegionDetections>)results
                    .Where(r => r.Pass.ContainerIndex == c.Index)
                    .OrderBy(r => r.Pass.Index)
                    .Select(r => new RegionDetections(r.Pass.Rect, PassPixels.Unscale(r.Result.Detections, r.Scale)))
                    .ToList());
            CountedContainers counted;
            using (Tracing.StartChild("photo.estimate", trace))
            {
                counted = await Task.Run(() => Read(shared!, b => ContainerCounting.Count(b, containers, regions, settings.CountingSettings, calibration)));
            }

            using var saving = Tracing.StartChild("photo.outputs", trace);
            var first = results.Count > 0 ? results[0].Result : null;
            var ortMs = results.Sum(t => t.Result.OrtMs);
            await SaveOutputsAsync(sessionId, attempt, photo, shared!, counted, segmented, results.Count, decodeMs, ortMs, total.Elapsed.TotalMilliseconds, first, deps);
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
            // Workers still reading a tile (their asker gave up) hold leases: the pixels go with the last of them.
            shared?.Dispose();
        }
    }

    /// <summary>Reads the photo under a lease, so a stream that fails part way cannot free it under the reader.</summary>
    private static T Read<T>(SharedBitmap photo, Func<SKBitmap, T> read)
    {
        using var lease = photo.TryAcquire() ?? throw new InvalidOperationException("The photo's pixels were released while it was being counted.");
        return read(lease.Bitmap);
    }

    /// <summary>The passes the detector runs, within the bounds on the work one photo may cause.</summary>
    private static List<DetectionPass> Plan(SKBitmap photo, PhotoSegmented segmented, PhotoProcessingSettings settings, Action<int> planned)
    {
        if (segmented.Containers.Count > settings.MaxContainers)
        {
            throw new InvalidOperationException(
                $"The segmenter found {segmented.Containers.Count} containers; at most {settings.MaxContainers} are counted per photo (demeter.photos.max-containers).");
        }

        var passes = DetectionPasses.Plan(photo, segmented.Containers, settings.TileSizePx, settings.TileOverlap);
        if (passes.Count > settings.MaxTiles)
        {
            throw new InvalidOperationException(
                $"The photo's containers need {passes.Count} detector passes; at most {settings.MaxTiles} are run per photo (demeter.photos.max-tiles).");
        }

        planned(passes.Count);
        return passes;
    }

    /// <summary>Rendition names of a session's outputs in the blob store, beside its photo.</summary>
    public static string OverlayRendition(Guid sessionId, int attempt) => $"overlay-{sessionId:N}-{attempt}.png";

    public static string OverlayInputsRendition(Guid sessionId) => $"overlay-inputs-{sessionId:N}.json";

    public static string OverlayAreasRendition(Guid sessionId, int attempt) => $"overlay-areas-{sessionId:N}-{attempt}.png";

    public static string MetricsRendition(Guid sessionId) => $"metrics-{sessionId:N}.json";

    // The metrics and what the overlay is drawn from are written before the count is reported (the detections too, by
    // the caller), so a completed session always has them; the overlay itself is drawn on its first request (OverlayInputs).
    private static async Task SaveOutputsAsync(
        Guid sessionId, int attempt, PhotoRef photo, SharedBitmap decoded, CountedContainers counted, PhotoSegmented segmented, int processed, double decodeMs,
        double ortMs, double pipelineMs, TileInferred? first, PhotoSessionDependencies deps)
    {
        var settings = deps.Settings;
        var planned = (int)ContainerDetectionPlan.RegionCount(segmented.Containers, decoded.Width, decoded.Height, settings.TileSizePx, settings.TileOverlap);
        var areas = await Task.Run(() =>
        {
            using var mask = PhotoOverlay.EstimatedAreas(counted.Estimates, decoded.Width, decoded.Height);
            return mask is null ? null : PhotoOverlay.EncodeAreas(mask);
        });
        var inputs = new OverlayInputs(attempt, decoded.Width, decoded.Height, counted.Estimated, segmented.Containers.Select(c => c.Box).ToList());
        var metrics = PhotoMetrics.From(
            decoded.Width, decoded.Height, counted.Detections, counted.Estimated, new TileSummary(planned, processed, planned - processed), decodeMs, ortMs, pipelineMs,
            first?.ModelName ?? "none", first?.ModelSha256 ?? string.Empty, segmented.SegmenterName, counted.Confidence, counted.Warnings, counted.Containers,
            settings.CountingSettings.Estimation);
        if (areas is not null)
        {
            await deps.Blobs.PutRenditionAsync(photo.BlobId, OverlayAreasRendition(sessionId, attempt), areas);
        }

        await deps.Blobs.PutRenditionAsync(photo.BlobId, OverlayInputsRendition(sessionId), inputs.Encode());
        await deps.Blobs.PutRenditionAsync(photo.BlobId, MetricsRendition(sessionId), JsonSerializer.SerializeToUtf8Bytes(metrics, MetricsJson));
    }

    private static readonly JsonSerializerOptions MetricsJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static Task<PhotoSegmented> SegmentAsync(PhotoSessionDependencies deps, SegmentPhoto request, PhotoProcessingSettings settings) =>
        InferenceAsk.AskAsync<PhotoSegmented>(
            deps.LocalInference,
            deps.InferenceRouter,
            deadline => request with { Deadline = deadline },
            reply => reply switch
            {
                PhotoSegmented r => (r, null),
                SegmentationFailed f => (null, $"{f.Reason} (on {f.Worker})"),
                _ => (null, null),
            },
            "Segmentation",
            settings);

    /// <summary>
    /// Runs one pass on the inference role: a tile is a view of the shared photo; a large direct pass is scaled down
    /// first (<see cref="DetectionPasses.Pixels"/>), its copy freed once the last reader is done with it.
    /// </summary>
    private static async Task<(TileInferred Result, double Scale)> InferAsync(
        PhotoSessionDependencies deps, Guid sessionId, SharedBitmap photo, DetectionPass pass, PhotoProcessingSettings settings, ActivityContext trace)
    {
        using var span = Tracing.StartChild("photo.tile", trace);
        span?.SetTag("demeter.tile", pass.Index);
        span?.SetTag("demeter.container", pass.ContainerIndex);
        var (scaled, region, scale) = DetectionPasses.IsScaled(pass)
            ? await Task.Run(() => Read(photo, b =>
            {
                var pixels = DetectionPasses.Pixels(b, pass);
                return (new SharedBitmap(pixels.Image), pixels.Region, pixels.Scale);
            }))
            : (null, pass.Rect, 1.0);
        using var owned = scaled;
        var source = new InferencePixels(scaled ?? photo, region);
        var tile = new InferTile(sessionId, pass.Index, pass.Rect, source, DateTimeOffset.MaxValue, span?.Context ?? trace);
        var inferred = await InferenceAsk.AskAsync<TileInferred>(
            deps.LocalInference,
            deps.InferenceRouter,
            deadline => tile with { Deadline = deadline },
            reply => reply switch
            {
                TileInferred r => (r, null),
                TileInferenceFailed f => (null, $"{f.Reason} (on {f.Worker})"),
                _ => (null, null),
            },
            $"Tile {pass.Index}",
            settings);
        return (inferred, scale);
    }
}
