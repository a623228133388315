using System.Data.Common;
using Akka.Persistence.Query;
using Dapper;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Applies a batch of journal events to the read model and advances the offset in the SAME transaction, so a
/// crash either keeps both or neither. The events come in the journal's global order, one stream for every
/// kind: a read model that shows a photo session completed therefore already shows the stock it booked.
/// Events at or below the stored offset are skipped, and every write is an idempotent upsert.
/// </summary>
public sealed class ReadModelProjection(ReadModelDatabase database, Func<EventEnvelope, Task>? beforeEach = null, Photos.BlobStore? blobs = null)
{
    public const string Name = "read-model";

    public async Task<long> LoadOffsetAsync(CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ReadOffsetAsync(connection, null, ct);
    }

    /// <summary>Drops the read model's tables and creates them empty, the offset at the journal's start.</summary>
    public Task ResetAsync(CancellationToken ct = default) => database.ResetAsync(ct);

    /// <summary>Applies the events and returns the offset afterwards.</summary>
    public async Task<long> ApplyAsync(IReadOnlyList<EventEnvelope> batch, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offset = await ReadOffsetAsync(connection, transaction, ct);
        var stock = new StockBatchProjection();
        var last = new ProjectionContext(connection, transaction, 0, ct, blobs);
        foreach (var envelope in batch)
        {
            var ordering = envelope.Offset is Sequence s ? s.Value : throw new InvalidOperationException("Expected a sequence offset.");
            if (ordering <= offset)
            {
                continue;
            }

            if (beforeEach is not null)
            {
                await beforeEach(envelope);
            }

            last = new ProjectionContext(connection, transaction, envelope.SequenceNr, ct, blobs);
            await EventProjector.ProjectAsync(last, envelope.Event, stock);
            offset = ordering;
        }

        await stock.FlushAsync(last);

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO projection_offsets (projection, last_ordering, updated_at) VALUES (@Name, @Offset, @At)
            ON CONFLICT (projection) DO UPDATE SET last_ordering = excluded.last_ordering, updated_at = excluded.updated_at
            """,
            new { Name, Offset = offset, At = DateTimeOffset.UtcNow },
            transaction,
            cancellationToken: ct));
        await transaction.CommitAsync(ct);
        Operations.NodeMetrics.ProjectedEvents.Inc(batch.Count);
        return offset;
    }

    private static async Task<long> ReadOffsetAsync(DbConnection connection, DbTransaction? transaction, CancellationToken ct) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT last_ordering FROM projection_offsets WHERE projection = @Name", new { Name }, transaction, cancellationToken: ct)) ?? 0L;
}
