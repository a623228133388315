using Akka.Actor;
using Akka.Event;
using Demeter.Inference.Imaging;

namespace Demeter.Cluster.Inference;

/// <summary>
/// Runs tiles through this node's detector and photos through its container segmenter. One worker per device, on a pinned dispatcher: ONNX Runtime
/// blocks, and its own thread pool already uses the cores, so one tile at a time per device is the
/// throughput-optimal shape (the mailbox is the queue).
/// </summary>
public sealed class InferenceWorker : ReceiveActor
{
    private readonly InferenceModel _model;
    private readonly string _worker;

    public InferenceWorker(InferenceModel model)
    {
        _model = model;
        _worker = Self.Path.ToStringWithAddress(((ExtendedActorSystem)Context.System).Provider.DefaultAddress);
        var log = Context.GetLogger();
        Receive<InferTile>(tile =>
        {
            if (DateTimeOffset.UtcNow > tile.Deadline)
            {
                // Running it would only add to a backlog: its ask has expired and a retry is already queued.
                log.Debug("Skipping expired tile {0} of session {1}", tile.TileIndex, tile.SessionId);
                return;
            }

            try
            {
                using var bitmap = TileCodec.DecodePng(tile.Png);
                var result = _model.Detector.Detect(bitmap);
                Sender.Tell(new TileInferred(
                    tile.SessionId, tile.TileIndex, result.Detections, result.InferenceTime.TotalMilliseconds, _worker, _model.Name, _model.Sha256));
            }
            catch (Exception ex)
            {
                log.Warning(ex, "Tile {0} of session {1} failed", tile.TileIndex, tile.SessionId);
                Sender.Tell(new TileInferenceFailed(tile.SessionId, tile.TileIndex, ex.Message, _worker));
            }
        });
        Receive<SegmentPhoto>(photo =>
        {
            if (DateTimeOffset.UtcNow > photo.Deadline)
            {
                log.Debug("Skipping expired segmentation of session {0}", photo.SessionId);
                return;
            }

            try
            {
                using var bitmap = TileCodec.DecodePng(photo.Png);
                var result = _model.Segmenter.Segment(bitmap, photo.PhotoWidth, photo.PhotoHeight);
                Sender.Tell(new PhotoSegmented(
                    photo.SessionId, result.Containers, result.Elapsed.TotalMilliseconds, _worker, _model.Segmenter.Name, _model.Segmenter.Sha256));
            }
            catch (Exception ex)
            {
                log.Warning(ex, "Segmentation of session {0} failed", photo.SessionId);
                Sender.Tell(new SegmentationFailed(photo.SessionId, ex.Message, _worker));
            }
        });
    }

    public static Props Props(InferenceModel model) =>
        Akka.Actor.Props.Create(() => new InferenceWorker(model)).WithDispatcher("akka.actor.inference-dispatcher");

    protected override void PostStop() => _model.Dispose();
}
