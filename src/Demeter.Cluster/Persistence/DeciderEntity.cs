using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Persistence;

/// <summary>
/// The thin shell every entity shares: decide, persist what was decided, evolve, reply. The rules live in the
/// pure decider; this class only adds durability, snapshots every N events, and the reply.
/// <para>
/// Commands are decided against the state as it will be once the events already decided are durable, and
/// persisted with PersistAllAsync: while one write is in flight the next commands are decided and their events
/// queued, and Akka sends everything queued as one write when the first completes (group commit for a busy
/// entity). Every reply, a refusal or a repeat included, waits (DeferAsync) until all events decided before it
/// are durable, so nobody hears "done" for something that could still be lost; if a write fails the entity stops
/// with its unwritten state and recovers from the journal.
/// </para>
/// <para>
/// Snapshots follow <see cref="SnapshotPolicy"/>; once one is saved the older ones of the entity are deleted, since
/// recovery only reads the newest and each holds the whole state (events are never deleted).
/// </para>
/// </summary>
public abstract class DeciderEntity<TState, TCommand, TEvent> : ReceivePersistentActor
    where TState : class, IDemeterMessage
    where TCommand : IDemeterMessage
    where TEvent : IDomainEvent
{
    private readonly int _snapshotEvery;
    private long _snapshotSequenceNr;

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
            _snapshotSequenceNr = offer.Metadata.SequenceNr;
        });
        Recover<TEvent>(e => State = Evolve(State, e));
        Command<SaveSnapshotSuccess>(saved =>
        {
            if (saved.Metadata.SequenceNr > 1)
            {
                DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
            }
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => Context.GetLogger().Warning(f.Cause, "Deleting old snapshots of {0} failed", PersistenceId));
        Command<SaveSnapshotFailure>(f => Context.GetLogger().Warning(f.Cause, "Snapshot of {0} failed", PersistenceId));

        // Writes are asynchronous (group commit), so commands are not stashed while one is in flight: stopping on
        // the spot would drop the write's confirmation and the replies waiting for it. Stop once they are done.
        Command<StopEntity>(_ => DeferAsync(StopEntity.Instance, _ =>
        {
            BeforePassivationStop();
            Context.Stop(Self);
        }));
    }

    public override string PersistenceId { get; }

    /// <summary>The state with every decided event applied (some may still be on their way to the journal).</summary>
    protected TState State { get; private set; }

    protected abstract Decision<TEvent> Decide(TState state, TCommand command);

    protected abstract TState Evolve(TState state, TEvent @event);

    /// <summary>What to answer the sender of <paramref name="command"/>, now that the decision is applied to <paramref name="state"/>.</summary>
    protected abstract object Reply(TCommand command, Decision<TEvent> decision, TState state);

    /// <summary>
    /// Called just before the entity stops for a passivation it asked for. A command that arrived between asking and
    /// stopping may have given it work again; an entity that then owes work must arrange to be woken.
    /// </summary>
    protected virtual void BeforePassivationStop()
    {
    }

    /// <summary>How many entries (movement ids, ledger changes, ...) a snapshot of <paramref name="state"/> holds.</summary>
    protected virtual int SnapshotEntries(TState state) => 0;

    /// <summary>Called once the events of an accepted decision are durable.</summary>
    protected virtual void OnPersisted(IReadOnlyList<TEvent> events)
    {
    }

    /// <summary>
    /// Decides and persists. <paramref name="replyTo"/> null means an internal step that wants no reply;
    /// <paramref name="then"/> runs once the decision is durable (or at once behind earlier writes, when there is
    /// nothing to persist).
    /// </summary>
    protected void Handle(TCommand command, IActorRef? replyTo, Action<Decision<TEvent>>? then = null)
    {
        var decision = Decide(State, command);
        if (!decision.Accepted || decision.Events.Count == 0)
        {
            var unchanged = State;
            DeferAsync(decision, d =>
            {
                replyTo?.Tell(Reply(command, d, unchanged));
                then?.Invoke(d);
            });
            return;
        }

        foreach (var e in decision.Events)
        {
            State = Evolve(State, e);
        }

        var after = State;
        var writing = System.Diagnostics.Stopwatch.GetTimestamp();
        PersistAllAsync(decision.Events, _ => { });
        DeferAsync(decision, d =>
        {
            Operations.NodeMetrics.JournalWrite.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(writing).TotalSeconds);

            // Of the state as of this decision's last event, which LastSequenceNr is while this runs.
            if (SnapshotPolicy.IsDue(LastSequenceNr - _snapshotSequenceNr, _snapshotEvery, SnapshotEntries(after)))
            {
                _snapshotSequenceNr = LastSequenceNr;
                SaveSnapshot(after);
            }

            replyTo?.Tell(Reply(command, d, after));
            OnPersisted(d.Events);
            then?.Invoke(d);
        });
    }

    /// <summary>A refused write (the event could not be serialized) leaves the decided state ahead of the journal: start again from it.</summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        base.OnPersistRejected(cause, @event, sequenceNr);
        throw new InvalidOperationException($"The journal refused event {sequenceNr} of {PersistenceId}; restarting from the journal.", cause);
    }
}
