using Akka.Actor;
using Akka.Event;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock.Transplants;

namespace Demeter.Cluster.Recovery;

/// <summary>
/// Wakes transplants and photo sessions the read model shows unfinished long after they began. Their regions remember
/// them so a crash resumes them, but after a node was killed a remembered transplant has been seen running on no node
/// (its shard never started again), owing plants, with nothing to wake it. Waking is only a question to the
/// entity: it recovers from its journal and takes its next step, and one already running just answers. A singleton, so
/// the cluster sweeps once per interval.
/// </summary>
public sealed class UnfinishedWorkSweeper : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly UnfinishedWorkSettings _settings;
    private bool _sweeping;

    public UnfinishedWorkSweeper(ReadModelDatabase database, IActorRef transplants, IActorRef photoSessions, UnfinishedWorkSettings settings)
    {
        Receive<Sweep>(_ =>
        {
            if (_sweeping)
            {
                return;
            }

            _sweeping = true;
            UnfinishedWork.FindAsync(database, DateTimeOffset.UtcNow - settings.StalledAfter, settings.MaxPerSweep, CancellationToken.None).PipeTo(Self);
        });
        Receive<UnfinishedWork>(work =>
        {
            _sweeping = false;

            // Nobody discards the answers: the question is asked only to wake the entity.
            foreach (var id in work.Transplants)
            {
                transplants.Tell(new GetTransplant(id), ActorRefs.Nobody);
            }

            foreach (var id in work.PhotoSessions)
            {
                photoSessions.Tell(new GetPhotoSession(id), ActorRefs.Nobody);
            }

            RecoveryMeters.Swept(work.Transplants.Count, work.PhotoSessions.Count);
            if (work.Count > 0)
            {
                _log.Info(
                    "Woke {0} unfinished transplants and {1} photo sessions begun more than {2} ago", work.Transplants.Count, work.PhotoSessions.Count, settings.StalledAfter);
            }
        });
        Receive<Status.Failure>(f =>
        {
            _sweeping = false;
            _log.Warning(f.Cause, "Could not read the unfinished work from the read model; trying again in {0}", settings.Interval);
        });
        _settings = settings;
    }

    public ITimerScheduler Timers { get; set; } = null!;

    // The first sweep at once: after a whole cluster restarts, the work it interrupted is woken without waiting.
    protected override void PreStart()
    {
        RecoveryMeters.Swept(0, 0);
        Self.Tell(Sweep.Instance);
        Timers.StartPeriodicTimer(Sweep.Instance, Sweep.Instance, _settings.Interval);
    }

    // Moving to another node: that node reports from now on.
    protected override void PostStop() => RecoveryMeters.Swept(0, 0);

    public static Props Props(ReadModelDatabase database, IActorRef transplants, IActorRef photoSessions, UnfinishedWorkSettings settings) =>
        Akka.Actor.Props.Create(() => new UnfinishedWorkSweeper(database, transplants, photoSessions, settings));

    private sealed class Sweep
    {
        public static readonly Sweep Instance = new();
    }
}
