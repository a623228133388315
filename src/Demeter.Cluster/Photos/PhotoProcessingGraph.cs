using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Inference;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Visualization;

namespace Demeter.Cluster.Photos;

/// <summary>
/// The processing graph of one photo: load the blob → decode with EXIF orientation → SAHI tile plan →
/// encode tiles → SelectAsync to the inference role (bounded parallelism, retried on timeout) → shift
/// each tile's boxes by its origin → GREEDYNMM merge → counts.
/// </summary>
public static class PhotoProcessingGraph
{
    /// <summary>Counts the session's photo; <c>progress</c> is told (done, total) once the tiles worth running are known and after each tile.</summary>
    public static async Task<PhotoCountResult> RunAsync(
        PhotoSessionState session, PhotoSessionDependencies deps, IMaterializer materializer, Action<int, int>? progress = null)
    {
        var photo = session.Photo ?? throw new InvalidOperationException($"Session {session.SessionId} has no photo.");
        await deps.ProcessingSlots.WaitAsync();
        try
        {
            return await RunAsync(session.SessionId, photo, deps, materializer, progress ?? ((_, _) => { }));
        }
        finally
        {
            deps.ProcessingSlots.Release();
        }
    }

    private static async Task<PhotoCountResult> RunAsync(Guid sessionId, PhotoRef photo, PhotoSessionDependencies deps, IMaterializer materializer, Action<int, int> progress)
    {
        var done = 0;
        var toRun = 0;
        var settings = deps.Settings;
        var total = Stopwatch.StartNew();
        DecodedPhoto? decoded = null;
        var decodeMs = 0.0;

        // Tile encoders read the decoded bitmap on pool threads; it may only be freed once none is running,
        // even when the stream fails or is stopped part way (freeing it earlier crashes in native Skia code).
        var encoders = new List<Task>();
        try
        {
            var tiles = await Source
                .Single(photo)
                .SelectAsync(1, async p =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var bytes = await deps.Blobs.ReadAsync(p.BlobId);
                    decoded = PhotoDecoder.Decode(bytes, new PhotoDecoderOptions { MaxPixels = settings.MaxPixels });
                    decodeMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    return decoded;
                })
                .SelectMany(d =>
                {
                    var worth = TilePlanner.Plan(d.Width, d.Height, settings.TileSizePx, settings.TileOverlap)
                        .Select((rect, index) => (Photo: d, Rect: rect, Index: index))
                        .Where(t => TileContent.IsWorthDetecting(t.Photo.Bitmap, t.Rect))
                        .ToList();
                    toRun = worth.Count;
                    progress(0, toRun);
                    return worth;
                })
                .SelectAsync(settings.InferenceParallelism, t =>
                {
                    var encode = Task.Run(() => new InferTile(sessionId, t.Index, t.Rect, TileCodec.EncodePng(t.Photo.Bitmap, t.Rect), DateTimeOffset.MaxValue));
                    lock (encoders)
                    {
                        encoders.Add(encode);
                    }

                    return encode;
                })
                .SelectAsync(settings.InferenceParallelism, async tile =>
                {
                    var inferred = await InferAsync(deps.InferenceRouter, tile, settings);
                    progress(Interlocked.Increment(ref done), toRun);
                    return inferred;
                })
                .RunWith(Sink.Seq<(InferTile Tile, TileInferred Result)>(), materializer);

            var merged = TileMerge.Combine(tiles.Select(t => (t.Tile.Tile, t.Result.Detections)).ToList());
            var first = tiles.Count > 0 ? tiles[0].Result : null;
            await SaveOutputsAsync(sessionId, photo, decoded!, merged, tiles.Count, decodeMs, tiles.Sum(t => t.Result.OrtMs), total.Elapsed.TotalMilliseconds, first, deps);
            return new PhotoCountResult(
                Detected: merged.Count,
                Estimated: 0,
                Tiles: tiles.Count,
                AverageConfidence: merged.Count == 0 ? 0 : merged.Average(d => (double)d.Score),
                Timings: new PhotoTimings(decodeMs, tiles.Sum(t => t.Result.OrtMs), total.Elapsed.TotalMilliseconds),
                ModelName: first?.ModelName ?? "none",
                ModelSha256: first?.ModelSha256 ?? string.Empty);
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

    /// <summary>Rendition names of a session's outputs in the blob store, beside its photo.</summary>
    public static string OverlayRendition(Guid sessionId) => $"overlay-{sessionId:N}.png";

    public static string MetricsRendition(Guid sessionId) => $"metrics-{sessionId:N}.json";

    // The overlay and metrics are written before the count is reported, so a completed session always has them.
    private static async Task SaveOutputsAsync(
        Guid sessionId, PhotoRef photo, DecodedPhoto decoded, IReadOnlyList<Detection> merged, int processed, double decodeMs, double ortMs,
        double pipelineMs, TileInferred? first, PhotoSessionDependencies deps)
    {
        var planned = (int)TilePlanner.Count(decoded.Width, decoded.Height, deps.Settings.TileSizePx, deps.Settings.TileOverlap);
        var overlay = await Task.Run(() => PhotoOverlay.RenderPng(decoded.Bitmap, merged, estimated: 0));
        var metrics = PhotoMetrics.From(
            decoded.Width, decoded.Height, merged, 0, new TileSummary(planned, processed, planned - processed), decodeMs, ortMs, pipelineMs,
            first?.ModelName ?? "none", first?.ModelSha256 ?? string.Empty);
        await deps.Blobs.PutRenditionAsync(photo.BlobId, OverlayRendition(sessionId), overlay);
        await deps.Blobs.PutRenditionAsync(photo.BlobId, MetricsRendition(sessionId), JsonSerializer.SerializeToUtf8Bytes(metrics, MetricsJson));
    }

    private static readonly JsonSerializerOptions MetricsJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static async Task<(InferTile, TileInferred)> InferAsync(IActorRef router, InferTile tile, PhotoProcessingSettings settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var attemptTile = tile with { Deadline = DateTimeOffset.UtcNow + settings.TileTimeout };
                var reply = await router.Ask<object>(attemptTile, settings.TileTimeout);
                return reply switch
                {
                    TileInferred r => (tile, r),
                    TileInferenceFailed f => throw new InvalidOperationException($"Tile {f.TileIndex} failed on {f.Worker}: {f.Reason}"),
                    _ => throw new InvalidOperationException($"Unexpected reply {reply.GetType().Name} to a tile."),
                };
            }
            catch (AskTimeoutException) when (attempt < settings.TileAttempts)
            {
                // No inference node answered in time (none up yet, or one died): the router may pick another.
            }
        }
    }
}
