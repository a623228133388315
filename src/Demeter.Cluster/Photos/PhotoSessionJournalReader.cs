using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Cluster.Photos;

/// <summary>
/// Reads one photo session straight from the journal (replaying its events with the decider's Evolve),
/// for the moment before the projector has caught up. Unlike asking the entity, it starts nothing: with
/// remember-entities, waking an entity for an unknown id would write to the sharding journal on every GET.
/// </summary>
public sealed class PhotoSessionJournalReader(ActorSystem system)
{
    private readonly IMaterializer _materializer = system.Materializer();

    public Task<PhotoSessionState> ReadAsync(Guid sessionId, CancellationToken ct = default)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        return journal
            .CurrentEventsByPersistenceId(PhotoSessionActor.PersistenceIdFor(sessionId), 0L, long.MaxValue)
            .Select(envelope => envelope.Event)
            .RunAggregate(
                PhotoSessionState.Empty(sessionId),
                (state, e) => e is IPhotoSessionEvent sessionEvent ? PhotoSessionDecider.Evolve(state, sessionEvent) : state,
                _materializer)
            .WaitAsync(ct);
    }
}
