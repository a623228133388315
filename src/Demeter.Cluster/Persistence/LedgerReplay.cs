using Akka.Actor;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Dapper;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Persistence;

/// <summary>
/// Rebuilds every batch from the journal with the decider's own Evolve (the journal is the truth; the actors and
/// the read model are views of it) and compares the read model with it: what an auditor runs, and what the crash
/// tests check after a restart.
/// </summary>
public sealed class LedgerReplay(ActorSystem system, ReadModelDatabase readModel)
{
    /// <summary>Every batch as the journal's events up to <paramref name="throughOrdering"/> (all of them by default) make it.</summary>
    public async Task<IReadOnlyDictionary<Guid, (StockBatchState State, int Movements)>> ReplayAsync(CancellationToken ct = default, long throughOrdering = long.MaxValue)
    {
        var journal = PersistenceQuery.Get(system).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        var batches = new Dictionary<Guid, (StockBatchState State, int Movements)>();
        await journal.CurrentAllEvents(Offset.NoOffset())
            .TakeWhile(e => e.Offset is not Sequence s || s.Value <= throughOrdering)
            .Select(e => e.Event)
            .RunForeach(
                e =>
                {
                    if (e is IStockBatchEvent stock)
                    {
                        var (state, movements) = batches.TryGetValue(stock.BatchId, out var b) ? b : (StockBatchState.Empty(stock.BatchId), 0);
                        batches[stock.BatchId] = (StockBatchDecider.Evolve(state, stock), movements + (stock is MovementRecorded ? 1 : 0));
                    }
                },
                system.Materializer())
            .WaitAsync(ct);
        return batches;
    }

    /// <summary>
    /// Every way the read model's batches and movements differ from the journal's; empty when they agree. Both are read
    /// at one position: the read model in one snapshot with the ordering its projector had applied, the journal up to
    /// that ordering, so writes going on meanwhile (or a rebuild under way) cause no false difference.
    /// </summary>
    public async Task<IReadOnlyList<string>> DifferencesAsync(CancellationToken ct = default) => (await CompareAsync(ct)).Differences;

    /// <summary>As <see cref="DifferencesAsync"/>, with the ordering compared at and the number of batches compared.</summary>
    public async Task<(long Ordering, int Batches, IReadOnlyList<string> Differences)> CompareAsync(CancellationToken ct = default)
    {
        await using var c = await readModel.OpenAsync(ct);
        // A snapshot that takes no write lock: REPEATABLE READ on PostgreSQL, a deferred (read) transaction in SQLite's WAL mode.
        await using var snapshot = c is Microsoft.Data.Sqlite.SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var ordering = await c.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_ordering FROM projection_offsets WHERE projection = @Name", new { ReadModelProjection.Name }, snapshot, cancellationToken: ct)) ?? 0L;
        var rows = (await c.QueryAsync<Row>(new CommandDefinition(
                """
                SELECT b.batch_id, b.status, b.quantity_initial, b.quantity_current, b.quantity_empty_containers,
                       (SELECT COUNT(*) FROM stock_movements m WHERE m.batch_id = b.batch_id) AS movements,
                       (SELECT COALESCE(SUM(m.quantity), 0) FROM stock_movements m WHERE m.batch_id = b.batch_id) AS movement_sum
                FROM stock_batches b
                """,
                transaction: snapshot,
                cancellationToken: ct)))
            .ToDictionary(r => r.BatchId);
        await snapshot.CommitAsync(ct);
        var replayed = await ReplayAsync(ct, ordering);
        var differences = new List<string>();
        foreach (var (id, (state, movements)) in replayed.Where(b => b.Value.State.Exists))
        {
            if (!rows.TryGetValue(id, out var row))
            {
                differences.Add($"batch {id}: in the journal, not in the read model");
                continue;
            }

            var expected = (state.Status.ToString().ToLowerInvariant(), state.QuantityInitial, state.Quantity, state.EmptyContainers, movements, (long)state.Quantity);
            var actual = (row.Status, row.QuantityInitial, row.QuantityCurrent, row.QuantityEmptyContainers, (int)row.Movements, row.MovementSum);
            if (expected != actual)
            {
                differences.Add($"batch {id}: journal {expected}, read model {actual}");
            }
        }

        differences.AddRange(rows.Keys.Where(id => !replayed.ContainsKey(id)).Select(id => $"batch {id}: in the read model, not in the journal"));
        return (ordering, replayed.Count(b => b.Value.State.Exists), differences);
    }

    private sealed class Row
    {
        public Guid BatchId { get; init; }
        public string Status { get; init; } = "";
        public int QuantityInitial { get; init; }
        public int QuantityCurrent { get; init; }
        public int QuantityEmptyContainers { get; init; }
        public long Movements { get; init; }
        public long MovementSum { get; init; }
    }
}
