using System.Text.Json;
using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Serialization;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Audit;

/// <summary>
/// The auditor's reading of the journal (never of the read model): an entity's whole stream, a claro's stock at a
/// moment with the events behind each batch, and a replay of every stream compared with the read model.
/// </summary>
public sealed class AuditJournal(ActorSystem system, ReadModelDatabase readModel)
{
    private readonly IMaterializer _materializer = system.Materializer();

    private SqlReadJournal Journal => PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");

    /// <summary>Every event of one entity, oldest first; null when the type or id is not one (the reason in <c>error</c>).</summary>
    public async Task<(AuditHistory? History, string? Error)> HistoryAsync(string type, string id, CancellationToken ct = default)
    {
        var (persistenceId, error) = AuditStreams.PersistenceIdFor(type, id);
        if (persistenceId is null)
        {
            return (null, error);
        }

        var events = await Journal.CurrentEventsByPersistenceId(persistenceId, 0L, long.MaxValue)
            .Select(Entry)
            .RunWith(Sink.Seq<AuditEntry>(), _materializer)
            .WaitAsync(ct);
        return (new AuditHistory(type, id, persistenceId, events), null);
    }

    /// <summary>The claro's batches at <paramref name="at"/>, replayed from the whole journal.</summary>
    public async Task<StockAsOf> StockAsOfAsync(int storageLocationId, DateTimeOffset at, CancellationToken ct = default)
    {
        var claroBatches = new HashSet<Guid>();
        var streams = new Dictionary<Guid, List<(EventEnvelope Envelope, IStockBatchEvent Event)>>();
        await Journal.CurrentAllEvents(Offset.NoOffset())
            .RunForeach(
                envelope =>
                {
                    if (envelope.Event is not IStockBatchEvent e)
                    {
                        return;
                    }

                    if (e is BatchOpened opened && opened.Identity.Key.StorageLocationId == storageLocationId)
                    {
                        claroBatches.Add(e.BatchId);
                    }

                    if (!streams.TryGetValue(e.BatchId, out var list))
                    {
                        streams[e.BatchId] = list = [];
                    }

                    list.Add((envelope, e));
                },
                _materializer)
            .WaitAsync(ct);

        var batches = new List<BatchAsOf>();
        var effectiveTotal = 0;
        foreach (var id in claroBatches)
        {
            var stream = streams[id];
            var recorded = stream.Where(x => WrittenAt(x.Envelope) is not { } written || written <= at).ToList();
            var state = recorded.Aggregate(StockBatchState.Empty(id), (s, x) => StockBatchDecider.Evolve(s, x.Event));
            effectiveTotal += stream.Select(x => x.Event).OfType<MovementRecorded>().Where(m => m.At <= at).Sum(m => m.SignedQuantity);
            if (!state.Exists)
            {
                continue;
            }

            var key = state.Identity!.Key;
            batches.Add(new BatchAsOf(
                id, state.Identity.Code, key.ProductId, key.ProductName, state.Status.ToString().ToLowerInvariant(), state.Quantity,
                [.. recorded.Select(x => Entry(x.Envelope))]));
        }

        return new StockAsOf(
            storageLocationId, at, batches.Sum(b => b.Quantity), effectiveTotal, [.. batches.OrderBy(b => b.Code, StringComparer.Ordinal)]);
    }

    /// <summary>Replays every stream of the journal and compares the ledger it gives with the read model's.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken ct = default)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal);
        long events = 0;
        long ordering = 0;
        await Journal.CurrentAllEvents(Offset.NoOffset())
            .RunForeach(
                envelope =>
                {
                    streams.Add(envelope.PersistenceId);
                    events++;
                    ordering = Math.Max(ordering, envelope.Offset is Sequence s ? s.Value : 0);
                },
                _materializer)
            .WaitAsync(ct);
        var (compared, batches, differences) = await new LedgerReplay(system, readModel).CompareAsync(ct);
        return new AuditVerification(streams.Count, events, batches, ordering, compared, differences);
    }

    private static AuditEntry Entry(EventEnvelope envelope)
    {
        var (type, effective, user, effect) = AuditEvents.Describe(envelope.Event);
        return new AuditEntry(
            envelope.SequenceNr,
            envelope.Offset is Sequence s ? s.Value : 0,
            WrittenAt(envelope),
            effective,
            type,
            user,
            effect,
            JsonSerializer.SerializeToElement(envelope.Event, envelope.Event.GetType(), DemeterSerializer.Options));
    }

    /// <summary>The journal's write time (the SQL plugin stores UTC ticks); null when the row has none.</summary>
    private static DateTimeOffset? WrittenAt(EventEnvelope envelope) =>
        envelope.Timestamp > 0 && envelope.Timestamp <= DateTime.MaxValue.Ticks ? new DateTimeOffset(envelope.Timestamp, TimeSpan.Zero) : null;
}
