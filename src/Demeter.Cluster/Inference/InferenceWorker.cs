using Akka.Actor;
using Akka.Event;

namespace Demeter.Cluster.Inference;

/// <summary>
/// This node's inference worker: one per device, owning the device's model sessions. Requests wait in a bounded queue,
/// fair between photo sessions (<see cref="FairTileQueue{T}"/>); a full queue answers <see cref="InferenceBusy"/>, which
/// the asking photo graph waits out (back-pressure instead of an unbounded mailbox). Its <see cref="InferenceLane"/>s
/// run the work on the pinned inference dispatcher: each idle lane gets a photo's segmentation first (every tile of that
/// photo waits on it), else a batch of up to the detector's batch size of tiles taken across sessions in turn.
/// </summary>
public sealed class InferenceWorker : ReceiveActor
{
    /// <summary>How long an asker told "busy" waits before it asks again.</summary>
    public static readonly TimeSpan BusyRetryAfter = TimeSpan.FromMilliseconds(200);

    private readonly InferenceModel _model;
    private readonly FairTileQueue<InferenceLane.TileJob> _tiles;
    private readonly Queue<InferenceLane.SegmentationJob> _segmentations = new();
    private readonly Stack<IActorRef> _idle = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _worker;

    public InferenceWorker(InferenceModel model, int queueCapacity)
    {
        _model = model;
        _tiles = new FairTileQueue<InferenceLane.TileJob>(queueCapacity);
        _worker = Self.Path.ToStringWithAddress(((ExtendedActorSystem)Context.System).Provider.DefaultAddress);
        Receive<InferTile>(tile =>
        {
            if (Expired(tile.Deadline))
            {
                // Running it would only add to a backlog: its ask has expired and a retry is already queued.
                _log.Debug("Skipping expired tile {0} of session {1}", tile.TileIndex, tile.SessionId);
                InferenceLane.Free(tile.Pixels);
            }
            else if (!_tiles.TryEnqueue(tile.SessionId, new InferenceLane.TileJob(tile, Sender)))
            {
                Sender.Tell(new InferenceBusy(tile.SessionId, tile.TileIndex, _tiles.Count, (int)BusyRetryAfter.TotalMilliseconds, _worker));
                InferenceLane.Free(tile.Pixels);
            }
            else
            {
                Dispatch();
            }
        });
        Receive<SegmentPhoto>(photo =>
        {
            if (Expired(photo.Deadline))
            {
                _log.Debug("Skipping expired segmentation of session {0}", photo.SessionId);
                InferenceLane.Free(photo.Pixels);
            }
            else if (_segmentations.Count >= _tiles.Capacity)
            {
                Sender.Tell(new InferenceBusy(photo.SessionId, -1, _segmentations.Count, (int)BusyRetryAfter.TotalMilliseconds, _worker));
                InferenceLane.Free(photo.Pixels);
            }
            else
            {
                _segmentations.Enqueue(new InferenceLane.SegmentationJob(photo, Sender));
                Dispatch();
            }
        });
        Receive<InferenceLane.Idle>(_ =>
        {
            _idle.Push(Sender);
            Dispatch();
        });
    }

    public static Props Props(InferenceModel model, int queueCapacity) => Akka.Actor.Props.Create(() => new InferenceWorker(model, queueCapacity));

    protected override void PreStart()
    {
        for (var i = 0; i < _model.Threads.Lanes; i++)
        {
            Context.ActorOf(InferenceLane.Props(_model, _worker), $"lane-{i}");
        }
    }

    // Children (the lanes) have stopped by now, so no Run is using the sessions.
    protected override void PostStop() => _model.Dispose();

    private static bool Expired(DateTimeOffset deadline) => DateTimeOffset.UtcNow > deadline;

    private void DispatchNext()
    {
        while (_idle.Count > 0)
        {
            while (_segmentations.TryPeek(out var next) && Expired(next.Request.Deadline))
            {
                InferenceLane.Free(_segmentations.Dequeue().Request.Pixels);
            }

            if (_segmentations.TryDequeue(out var segmentation))
            {
                _idle.Pop().Tell(segmentation);
                continue;
            }

            var batch = _tiles.TakeBatch(_model.Detector.MaxBatch, job => !Expired(job.Request.Deadline), job => InferenceLane.Free(job.Request.Pixels));
            if (batch.Count == 0)
            {
                return;
            }

            _idle.Pop().Tell(new InferenceLane.TileBatch(batch));
        }
    }

    /// <summary>Hands work to idle lanes, then reports what still waits.</summary>
    private void Dispatch()
    {
        DispatchNext();
        Operations.NodeMetrics.InferenceQueue.WithLabels(_model.Device).Set(_tiles.Count);
    }
}
