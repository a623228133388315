using Akka.Actor;
using Akka.Event;
using Demeter.Inference.Detectors;

namespace Demeter.Cluster.Inference;

/// <summary>
/// One Run at a time of its worker's model, on the pinned inference dispatcher (ONNX Runtime blocks its thread). It
/// keeps its letterbox buffers from batch to batch, answers each asker directly, frees pixels that arrived with their
/// message, and tells its worker when it is free again.
/// </summary>
public sealed class InferenceLane : ReceiveActor
{
    private readonly InferenceModel _model;
    private readonly string _worker;
    private readonly LetterboxRenderer _renderer;
    private readonly ILoggingAdapter _log = Context.GetLogger();

    public InferenceLane(InferenceModel model, string worker)
    {
        _model = model;
        _worker = worker;
        _renderer = model.Detector.CreateRenderer();
        Receive<TileBatch>(batch =>
        {
            Run(batch.Jobs);
            Context.Parent.Tell(Idle.Instance);
        });
        Receive<SegmentationJob>(job =>
        {
            Segment(job);
            Context.Parent.Tell(Idle.Instance);
        });
    }

    public static Props Props(InferenceModel model, string worker) =>
        Akka.Actor.Props.Create(() => new InferenceLane(model, worker)).WithDispatcher("akka.actor.inference-dispatcher");

    /// <summary>Frees pixels a request brought with it from another node (a local request's belong to its photo graph).</summary>
    public static void Free(InferencePixels pixels)
    {
        if (pixels.OwnedByMessage)
        {
            pixels.Source.Dispose();
        }
    }

    protected override void PreStart() => Context.Parent.Tell(Idle.Instance);

    protected override void PostStop() => _renderer.Dispose();

    private void Run(IReadOnlyList<TileJob> jobs)
    {
        var leases = new List<SharedBitmap.Lease>(jobs.Count);
        var running = new List<TileJob>(jobs.Count);
        var inputs = new List<DetectionInput>(jobs.Count);
        try
        {
            foreach (var job in jobs)
            {
                if (job.Request.Pixels.Source.TryAcquire() is { } lease)
                {
                    leases.Add(lease);
                    running.Add(job);
                    inputs.Add(new DetectionInput(lease.Bitmap, job.Request.Pixels.Region));
                }
                else
                {
                    // Its photo has finished or failed since it was queued: nobody waits for the answer.
                    Fail(job, "the tile's photo was released before it ran");
                }
            }

            if (inputs.Count == 0)
            {
                return;
            }

            // One span per Run: a child of the first tile's, linked to the others' (a batch may mix photos).
            using var span = Operations.Tracing.Source.StartActivity(
                "inference.run",
                System.Diagnostics.ActivityKind.Consumer,
                running[0].Request.Trace,
                links: [.. running.Skip(1).Where(j => j.Request.Trace != default).Select(j => new System.Diagnostics.ActivityLink(j.Request.Trace))]);
            span?.SetTag("demeter.device", _model.Device);
            span?.SetTag("demeter.tiles", running.Count);
            span?.SetTag("demeter.worker", _worker);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var results = _model.Detector.DetectBatch(inputs.ToArray(), _renderer);
            Operations.NodeMetrics.InferenceRun.WithLabels(_model.Device).Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
            Operations.NodeMetrics.InferenceTiles.WithLabels(_model.Device).Inc(running.Count);
            for (var i = 0; i < running.Count; i++)
            {
                var tile = running[i].Request;
                running[i].ReplyTo.Tell(new TileInferred(
                    tile.SessionId, tile.TileIndex, results[i].Detections, results[i].InferenceTime.TotalMilliseconds, _worker, _model.Name, _model.Sha256));
            }
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "A batch of {0} tile(s) failed", running.Count);
            foreach (var job in running)
            {
                Fail(job, ex.Message);
            }
        }
        finally
        {
            leases.ForEach(l => l.Dispose());
            foreach (var job in jobs)
            {
                Free(job.Request.Pixels);
            }
        }
    }

    private void Fail(TileJob job, string reason) =>
        job.ReplyTo.Tell(new TileInferenceFailed(job.Request.SessionId, job.Request.TileIndex, reason, _worker));

    private void Segment(SegmentationJob job)
    {
        var photo = job.Request;
        try
        {
            using var lease = photo.Pixels.Source.TryAcquire();
            if (lease is null)
            {
                job.ReplyTo.Tell(new SegmentationFailed(photo.SessionId, "the photo was released before it was segmented", _worker));
                return;
            }

            var region = photo.Pixels.Region;
            var bitmap = lease.Bitmap;
            var whole = region.X == 0 && region.Y == 0 && region.Width == bitmap.Width && region.Height == bitmap.Height;
            if (!whole)
            {
                throw new InvalidOperationException($"A segmentation reads a whole bitmap, not the region {region}.");
            }

            using var span = Operations.Tracing.StartChild("inference.segment", photo.Trace);
            span?.SetTag("demeter.device", _model.Device);
            span?.SetTag("demeter.worker", _worker);
            var result = _model.Segmenter.Segment(bitmap, photo.PhotoWidth, photo.PhotoHeight);
            job.ReplyTo.Tell(new PhotoSegmented(
                photo.SessionId, result.Containers, result.Elapsed.TotalMilliseconds, _worker, _model.Segmenter.Name, _model.Segmenter.Sha256));
        }
        catch (Exception ex)
        {
            _log.Warning(ex, "Segmentation of session {0} failed", photo.SessionId);
            job.ReplyTo.Tell(new SegmentationFailed(photo.SessionId, ex.Message, _worker));
        }
        finally
        {
            Free(photo.Pixels);
        }
    }

    /// <summary>A tile and who asked for it.</summary>
    public sealed record TileJob(InferTile Request, IActorRef ReplyTo);

    public sealed record TileBatch(IReadOnlyList<TileJob> Jobs);

    public sealed record SegmentationJob(SegmentPhoto Request, IActorRef ReplyTo);

    /// <summary>The lane has finished what it was given.</summary>
    public sealed class Idle
    {
        public static readonly Idle Instance = new();

        private Idle()
        {
        }
    }
}
