using System.Data.Common;
using Akka.Persistence.Query;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Applies a batch of tagged events to the read model and advances that tag's offset in the SAME
/// transaction, so a crash either keeps both or neither. Events at or below the stored offset are
/// skipped (offsets are the journal's global ordering, not contiguous per tag), and every write is an
/// idempotent upsert guarded by the entity's sequence number.
/// </summary>
public sealed class ReadModelProjection(ReadModelDatabase database, Func<EventEnvelope, Task>? beforeEach = null)
{
    public static string ProjectionName(string tag) => $"read-model:{tag}";

    public async Task<long> LoadOffsetAsync(string tag, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        return await ReadOffsetAsync(connection, null, tag, ct);
    }

    /// <summary>Applies the events and returns the tag's offset afterwards.</summary>
    public async Task<long> ApplyAsync(string tag, IReadOnlyList<EventEnvelope> batch, CancellationToken ct = default)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offset = await ReadOffsetAsync(connection, transaction, tag, ct);
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

            await EventProjector.ProjectAsync(connection, transaction, envelope.Event, envelope.SequenceNr, ct);
            offset = ordering;
        }

        await connection.ExecuteAsync(
            """
            INSERT INTO projection_offsets (projection, last_ordering, updated_at) VALUES (@p, @o, @t)
            ON CONFLICT (projection) DO UPDATE SET last_ordering = excluded.last_ordering, updated_at = excluded.updated_at
            """,
            ct,
            transaction,
            ("@p", ProjectionName(tag)),
            ("@o", offset),
            ("@t", DateTimeOffset.UtcNow.ToString("O")));
        await transaction.CommitAsync(ct);
        return offset;
    }

    private static async Task<long> ReadOffsetAsync(DbConnection connection, DbTransaction? transaction, string tag, CancellationToken ct)
    {
        await using var command = connection.Command(
            "SELECT last_ordering FROM projection_offsets WHERE projection = @p", transaction, ("@p", ProjectionName(tag)));
        var value = await command.ExecuteScalarAsync(ct);
        return value is null or DBNull ? 0L : Convert.ToInt64(value);
    }
}
