using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Photos;
using Demeter.Cluster.Stock;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock.Transplants;

namespace Demeter.Cluster.Persistence;

/// <summary>
/// Reads one entity straight from the journal (replaying its events with the decider's Evolve), for the
/// moment before the projector has caught up. Unlike asking the entity, it starts nothing: with
/// remember-entities, waking an entity for an unknown id would write to the sharding journal on every GET.
/// </summary>
public sealed class EntityJournalReader(ActorSystem system)
{
    private readonly IMaterializer _materializer = system.Materializer();

    public Task<PhotoSessionState> PhotoSessionAsync(Guid sessionId, CancellationToken ct = default) =>
        ReadAsync<PhotoSessionState, IPhotoSessionEvent>(PhotoSessionActor.PersistenceIdFor(sessionId), PhotoSessionState.Empty(sessionId), PhotoSessionDecider.Evolve, ct);

    public Task<TransplantState> TransplantAsync(Guid transplantId, CancellationToken ct = default) =>
        ReadAsync<TransplantState, ITransplantEvent>(TransplantActor.PersistenceIdFor(transplantId), TransplantState.Empty(transplantId), TransplantDecider.Evolve, ct);

    public Task<TState> ReadAsync<TState, TEvent>(string persistenceId, TState initial, Func<TState, TEvent, TState> evolve, CancellationToken ct = default)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        return journal
            .CurrentEventsByPersistenceId(persistenceId, 0L, long.MaxValue)
            .Select(envelope => envelope.Event)
            .RunAggregate(initial, (state, e) => e is TEvent domainEvent ? evolve(state, domainEvent) : state, _materializer)
            .WaitAsync(ct);
    }
}
