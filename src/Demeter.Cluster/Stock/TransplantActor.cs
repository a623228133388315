using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;

namespace Demeter.Cluster.Stock;

/// <summary>What a transplant needs from its node: the batch region and the claro region.</summary>
public sealed record TransplantDependencies(IActorRef Batches, IActorRef StorageLocations, int SnapshotEvery);

/// <summary>
/// One transplant (a persisted saga): executes <see cref="TransplantDecider.Next"/> until the transplant is
/// finished, retrying each step until it is acknowledged. The region remembers it until then, so a crash
/// between the steps resumes it after restart. Whoever started it (or asks later) hears the final state.
/// </summary>
public sealed class TransplantActor : DeciderEntity<TransplantState, ITransplantCommand, ITransplantEvent>, IWithTimers
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private readonly TransplantDependencies _deps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly List<IActorRef> _waiting = [];
    private bool _stepInFlight;

    public TransplantActor(Guid transplantId, TransplantDependencies deps)
        : base(PersistenceIdFor(transplantId), TransplantState.Empty(transplantId), deps.SnapshotEvery)
    {
        _deps = deps;
        Command<StartTransplant>(s =>
        {
            var replyTo = Sender;
            Handle(s, null, d =>
            {
                if (!d.Accepted)
                {
                    replyTo.Tell(Reply(s, d, State));
                    return;
                }

                _waiting.Add(replyTo);
                Drive();
            });
        });
        Command<AwaitTransplant>(a =>
        {
            _waiting.Add(Sender);
            AnswerIfSettled();
        });
        Command<GetTransplant>(g =>
        {
            Handle(g, Sender);
            AnswerIfSettled();
        });
        Command<StepAnswered>(a =>
        {
            _stepInFlight = false;
            Handle(a.Next, null);
        });
        Command<Status.Failure>(f =>
        {
            _stepInFlight = false;
            _log.Warning(f.Cause, "Step of transplant {0} failed; retrying in {1}", State.TransplantId, RetryAfter);
            Timers.StartSingleTimer("retry", Retry.Instance, RetryAfter);
        });
        Command<Retry>(_ => Drive());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(Guid transplantId) => $"transplant-{transplantId:N}";

    public static Props Props(Guid transplantId, TransplantDependencies deps) => Akka.Actor.Props.Create(() => new TransplantActor(transplantId, deps));

    protected override Decision<ITransplantEvent> Decide(TransplantState state, ITransplantCommand command) => TransplantDecider.Decide(state, command);

    protected override TransplantState Evolve(TransplantState state, ITransplantEvent @event) => TransplantDecider.Evolve(state, @event);

    protected override object Reply(ITransplantCommand command, Decision<ITransplantEvent> decision, TransplantState state) =>
        new TransplantReply(decision.Accepted, decision.Rejection?.Code, decision.Rejection?.Reason, state);

    protected override void OnReplaySuccess() => Drive();

    protected override void OnPersisted(IReadOnlyList<ITransplantEvent> events) => Drive();

    /// <summary>Asked about a transplant that never started, or one that is finished: answer and leave.</summary>
    private void AnswerIfSettled()
    {
        if (!State.Exists)
        {
            foreach (var waiter in _waiting)
            {
                waiter.Tell(Reply(new GetTransplant(State.TransplantId), Decision<ITransplantEvent>.AlreadyDone(), State));
            }

            _waiting.Clear();
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
            return;
        }

        Drive();
    }

    private void Drive()
    {
        if (State.Finished)
        {
            foreach (var waiter in _waiting)
            {
                waiter.Tell(Reply(new GetTransplant(State.TransplantId), Decision<ITransplantEvent>.AlreadyDone(), State));
            }

            _waiting.Clear();

            // Done: leave memory and the remembered-entities set; a later question wakes it from the journal.
            Context.Parent.Tell(new Passivate(StopEntity.Instance));
            return;
        }

        if (_stepInFlight || TransplantDecider.Next(State) is not { } step)
        {
            return;
        }

        _stepInFlight = true;
        var id = State.TransplantId;
        switch (step)
        {
            case DebitSource debit:
                _deps.Batches.Ask<StockBatchReply>(debit.Command, StepTimeout).PipeTo(Self, success: r => new StepAnswered(r.Accepted
                    ? new RecordSourceDebited(id, r.Batch.Exists ? KeyOf(r.Batch) : throw new InvalidOperationException("An accepted debit names its batch."), DateTimeOffset.UtcNow)
                    : new RecordSourceRefused(id, r.RejectionCode!, r.RejectionReason!, r.Available, DateTimeOffset.UtcNow)));
                break;
            case CreditTarget credit:
                _deps.StorageLocations.Ask<StockBatchReply>(credit.Command, StepTimeout).PipeTo(Self, success: r => new StepAnswered(r.Accepted
                    ? new RecordTargetCredited(id, r.BatchId, DateTimeOffset.UtcNow)
                    : new RecordTargetRefused(id, r.RejectionCode!, r.RejectionReason!, DateTimeOffset.UtcNow)));
                break;
            case ReturnToSource giveBack:
                _deps.Batches.Ask<StockBatchReply>(giveBack.Command, StepTimeout).PipeTo(Self, success: r =>
                {
                    if (!r.Accepted)
                    {
                        // The plants are owed to the source: keep retrying (and say why) rather than lose them.
                        throw new InvalidOperationException($"The source refused the returned plants: {r.RejectionCode} {r.RejectionReason}");
                    }

                    return new StepAnswered(new RecordTransplantCompensated(id, DateTimeOffset.UtcNow));
                });
                break;
        }
    }

    private static BatchKey KeyOf(StockBatchView b) =>
        new(b.StorageLocationId, b.BinId ?? Guid.Empty, b.ProductId, b.ProductName, b.ProductStateId, b.ProductSizeId, b.PackagingId);

    private sealed record StepAnswered(ITransplantCommand Next);

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }
}

/// <summary>Answered once the transplant is finished (or at once if it already is).</summary>
[Manifest("stock.await-transplant.v1")]
public sealed record AwaitTransplant(Guid TransplantId) : ITransplantCommand;
