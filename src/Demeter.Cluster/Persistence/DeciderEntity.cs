using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Persistence;

/// <summary>
/// The thin shell every entity shares: decide, persist what was decided, evolve, reply. The rules live in
/// the pure decider; this class only adds durability, snapshots every N events, and the reply.
/// </summary>
public abstract class DeciderEntity<TState, TCommand, TEvent> : ReceivePersistentActor
    where TState : class, IDemeterMessage
    where TCommand : IDemeterMessage
    where TEvent : IDomainEvent
{
    private readonly int _snapshotEvery;

    protected DeciderEntity(string persistenceId, TState initial, int snapshotEvery)
    {
        PersistenceId = persistenceId;
        State = initial;
        _snapshotEvery = Math.Max(1, snapshotEvery);

        Recover<SnapshotOffer>(offer =>
        {
            // Replaying only the events after an unreadable snapshot onto an empty state would be silently wrong.
            State = offer.Snapshot as TState
                ?? throw new InvalidOperationException($"Snapshot of {PersistenceId} is a {offer.Snapshot?.GetType().Name}, not a {typeof(TState).Name}.");
        });
        Recover<TEvent>(e => State = Evolve(State, e));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(f => Context.GetLogger().Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));
    }

    public override string PersistenceId { get; }

    protected TState State { get; private set; }

    protected abstract Decision<TEvent> Decide(TState state, TCommand command);

    protected abstract TState Evolve(TState state, TEvent @event);

    protected abstract object Reply(Decision<TEvent> decision, TState state);

    /// <summary>Called once the events of an accepted decision are durable and applied.</summary>
    protected virtual void OnPersisted(IReadOnlyList<TEvent> events)
    {
    }

    /// <summary>Decides and persists; <paramref name="replyTo"/> null means an internal step that wants no reply.</summary>
    protected void Handle(TCommand command, IActorRef? replyTo)
    {
        var decision = Decide(State, command);
        if (!decision.Accepted || decision.Events.Count == 0)
        {
            replyTo?.Tell(Reply(decision, State));
            return;
        }

        var sequenceBefore = LastSequenceNr;
        PersistAll(decision.Events, e => State = Evolve(State, e));
        DeferAsync(decision, d =>
        {
            // One snapshot per decision that crossed a multiple of N, not one per event of a large decision.
            if (LastSequenceNr / _snapshotEvery > sequenceBefore / _snapshotEvery)
            {
                SaveSnapshot(State);
            }

            replyTo?.Tell(Reply(d, State));
            OnPersisted(d.Events);
        });
    }
}
