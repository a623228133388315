using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.StorageLocations;

/// <summary>What a claro's entity needs from its node: the batch region, and the photo-session region (resolved when first needed).</summary>
public sealed record StorageLocationDependencies(IActorRef Batches, Func<IActorRef> Sessions, int SnapshotEvery, TimeSpan IdleAfter);

/// <summary>
/// One claro's stock entity. It persists what <see cref="StorageLocationDecider"/> decides, routes movements
/// addressed by key to the batch it resolved (relaying the batch's answer), and executes the decider's next
/// steps for photo counts: ask the batches what they held, have them book their parts, tell the session. Each
/// step is idempotent and retried until acknowledged; the region remembers the entity while it owes work, so a
/// crash resumes it.
/// </summary>
public sealed class StorageLocationActor : DeciderEntity<StorageLocationState, IStorageLocationCommand, IStorageLocationEvent>, IWithTimers
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly StorageLocationDependencies _deps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<string> _inFlight = [];
    private int _routing;

    public StorageLocationActor(int storageLocationId, StorageLocationDependencies deps)
        : base(PersistenceIdFor(storageLocationId), StorageLocationState.Empty(storageLocationId), deps.SnapshotEvery)
    {
        _deps = deps;
        Command<BookMovementByKey>(m => Book(m, Sender, rerouted: false));
        Command<BatchAnswered>(OnBatchAnswered);
        Command<BookPhotoCount>(p =>
        {
            var replyTo = Sender;
            Handle(p, null, d => replyTo.Tell(CountReply(p.SessionId, d)));
        });
        Command<IStorageLocationCommand>(c => Handle(c, Sender));
        Command<BalancesAnswered>(b =>
        {
            _inFlight.Remove(b.Key);
            // Every split gets fresh ids: one movement per batch it may touch, and a batch and bin per container category
            // that may need a new lot.
            var categories = State.PhotoCounts.GetValueOrDefault(b.SessionId)?.NewLotsAtMost ?? 1;
            List<Guid> Fresh(int n) => Enumerable.Range(0, n).Select(_ => Guid.NewGuid()).ToList();
            Handle(new ApplyCountBalances(
                State.StorageLocationId, b.SessionId, b.Balances, Fresh(b.Balances.Count + categories), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow,
                Fresh(categories), Fresh(categories)), null);
        });
        Command<CountAnswered>(OnCountAnswered);
        Command<SessionAnswered>(a =>
        {
            _inFlight.Remove(a.Key);
            Handle(new RecordSessionNotified(State.StorageLocationId, a.SessionId, a.Status, DateTimeOffset.UtcNow), null);
        });
        Command<StepFailed>(f =>
        {
            _inFlight.Remove(f.Key);
            _log.Warning("Step {0} of storage location {1} failed ({2}); retrying in {3}", f.Key, State.StorageLocationId, f.Reason, RetryAfter);
            Timers.StartSingleTimer("retry", Retry.Instance, RetryAfter);
        });
        Command<Retry>(_ => Drive());
        Command<ReceiveTimeout>(_ =>
        {
            if (!State.HasPendingWork && _inFlight.Count == 0 && _routing == 0)
            {
                // Idle and owing nothing: leave memory (and the remembered-entities set) until asked again.
                Context.Parent.Tell(new Passivate(StopEntity.Instance));
            }
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(int storageLocationId) => $"storage-location-{storageLocationId}";

    public static Props Props(int storageLocationId, StorageLocationDependencies deps) =>
        Akka.Actor.Props.Create(() => new StorageLocationActor(storageLocationId, deps));

    protected override Decision<IStorageLocationEvent> Decide(StorageLocationState state, IStorageLocationCommand command) =>
        StorageLocationDecider.Decide(state, command);

    protected override StorageLocationState Evolve(StorageLocationState state, IStorageLocationEvent @event) =>
        StorageLocationDecider.Evolve(state, @event);

    protected override int SnapshotEntries(StorageLocationState state) =>
        state.Routed.Count + state.PhotoCounts.Count + state.Batches.Count + state.Bins.Count + state.Configs.Count;

    protected override object Reply(IStorageLocationCommand command, Decision<IStorageLocationEvent> decision, StorageLocationState state) =>
        new StorageLocationReply(decision.Accepted, decision.Rejection?.Code, decision.Rejection?.Reason, state);

    protected override void OnReplaySuccess()
    {
        Context.SetReceiveTimeout(_deps.IdleAfter);
        Drive();
    }

    protected override void OnPersisted(IReadOnlyList<IStorageLocationEvent> events) => Drive();

    private PhotoCountReply CountReply(Guid sessionId, Decision<IStorageLocationEvent> decision) =>
        decision.Rejection is { } r
            ? new PhotoCountReply(sessionId, false, r.Code, r.Reason, null)
            : new PhotoCountReply(sessionId, true, null, null, State.PhotoCounts.TryGetValue(sessionId, out var count) ? PhotoCountBooking.From(count) : null);

    // ---- movements by key ----

    private void Book(BookMovementByKey m, IActorRef replyTo, bool rerouted)
    {
        Handle(m, null, decision =>
        {
            if (decision.Rejection is { } r)
            {
                replyTo.Tell(Rejected(r));
                return;
            }

            if (StorageLocationDecider.RouteByKey(State, m) is not { } command)
            {
                replyTo.Tell(Rejected(new Rejection(StockRejections.BatchNotFound, "No batch could be found or opened for the movement.")));
                return;
            }

            _routing++;
            _deps.Batches.Ask<StockBatchReply>(command, StepTimeout).PipeTo(
                Self,
                success: reply => new BatchAnswered(m, replyTo, reply, null, rerouted),
                failure: ex => new BatchAnswered(m, replyTo, null, ex, rerouted));
        });
    }

    private void OnBatchAnswered(BatchAnswered a)
    {
        _routing--;
        if (a.Reply is not { } reply)
        {
            // The caller's ask fails with a timeout it knows how to report (the cluster did not answer).
            a.ReplyTo.Tell(new Status.Failure(new AskTimeoutException($"Batch did not answer within {StepTimeout.TotalSeconds:0} s: {a.Error?.Message}")));
            return;
        }

        if (reply.Accepted)
        {
            Handle(
                new RecordMovementRouted(State.StorageLocationId, a.Command.MovementId, StorageLocationDecider.FingerprintOf(a.Command), reply.BatchId, a.Command.Type, a.Command.At),
                null,
                _ => a.ReplyTo.Tell(reply));
            return;
        }

        if (reply.RejectionCode == StockRejections.BatchIsArchived && !a.Rerouted)
        {
            // The lot was archived behind the claro's back: stop routing its key there and open a new lot.
            Handle(new RecordBatchArchived(State.StorageLocationId, reply.BatchId, DateTimeOffset.UtcNow), null, _ => Book(a.Command, a.ReplyTo, rerouted: true));
            return;
        }

        a.ReplyTo.Tell(reply);
    }

    private static StockBatchReply Rejected(Rejection r) => new(
        Guid.Empty, BatchOutcome.Rejected, r.Code, r.Reason, r.Available, null, null, StockBatchView.From(StockBatchState.Empty(Guid.Empty)));

    // ---- photo count steps ----

    private void Drive()
    {
        foreach (var step in StorageLocationDecider.Next(State))
        {
            var key = step switch
            {
                QueryCountBalances q => $"balances:{q.SessionId:N}",
                SendVerifyCount v => $"verify:{v.SessionId:N}:{v.Command.BatchId:N}",
                NotifyPhotoSession n => $"notify:{n.SessionId:N}:{n.Booking.Status}",
                _ => step.ToString(),
            };
            if (!_inFlight.Add(key))
            {
                continue;
            }

            switch (step)
            {
                case QueryCountBalances q:
                    Task.WhenAll(q.BatchIds.Select(id => _deps.Batches.Ask<BatchLedgerAt>(new GetLedgerAt(id, q.CapturedAt), StepTimeout)))
                        .PipeTo(Self, success: balances => new BalancesAnswered(key, q.SessionId, balances), failure: ex => new StepFailed(key, ex.Message));
                    break;
                case SendVerifyCount v:
                    _deps.Batches.Ask<StockBatchReply>(v.Command, StepTimeout)
                        .PipeTo(Self, success: reply => new CountAnswered(key, v, reply), failure: ex => new StepFailed(key, ex.Message));
                    break;
                case NotifyPhotoSession n:
                    _deps.Sessions().Ask<object>(new MarkCountBooked(n.SessionId, n.Booking, DateTimeOffset.UtcNow), StepTimeout)
                        .PipeTo(Self, success: _ => new SessionAnswered(key, n.SessionId, n.Booking.Status), failure: ex => new StepFailed(key, ex.Message));
                    break;
            }
        }
    }

    private void OnCountAnswered(CountAnswered a)
    {
        _inFlight.Remove(a.Key);
        var v = a.Step.Command;
        var outcome = a.Reply.Count;
        if (!a.Reply.Accepted || outcome is null)
        {
            // Only a broken invariant gets here (the claro never allocates to an archived or foreign lot): record
            // the part as not booked rather than retry forever, and say so loudly.
            _log.Error("Batch {0} refused its part of the count of session {1}: {2} {3}", v.BatchId, v.CountId, a.Reply.RejectionCode, a.Reply.RejectionReason);
            outcome = new CountOutcome(v.At, v.Counted, 0, 0, 0, null, null, Superseded: true);
        }

        Handle(new RecordCountBooked(State.StorageLocationId, v.CountId, v.BatchId, outcome, DateTimeOffset.UtcNow), null);
    }

    private sealed record BatchAnswered(BookMovementByKey Command, IActorRef ReplyTo, StockBatchReply? Reply, Exception? Error, bool Rerouted);

    private sealed record BalancesAnswered(string Key, Guid SessionId, IReadOnlyList<BatchLedgerAt> Balances);

    private sealed record CountAnswered(string Key, SendVerifyCount Step, StockBatchReply Reply);

    private sealed record SessionAnswered(string Key, Guid SessionId, PhotoCountStatus Status);

    private sealed record StepFailed(string Key, string Reason);

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }
}

/// <summary>What a claro's entity answers to configuration, bin and query commands: the outcome and the claro as it now is.</summary>
[Manifest("stock.storage-location-reply.v1")]
public sealed record StorageLocationReply(bool Accepted, string? RejectionCode, string? RejectionReason, StorageLocationState StorageLocation) : IDemeterMessage;
