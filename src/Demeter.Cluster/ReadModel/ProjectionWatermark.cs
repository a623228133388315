using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Read-your-writes for the read model. The projector lags the journal by a few hundred milliseconds, so a client
/// that books a movement and then lists the claro's stock would otherwise see the old total. Before a query the
/// API notes the journal's newest ordering and waits (up to <c>demeter.projection.read-wait</c>) until the
/// projector has applied it: every write acknowledged before the query began is then in its answer. The journal
/// and the read model share one database, so both numbers come from one round trip.
/// </summary>
public sealed class ProjectionWatermark(ReadModelDatabase database, string journalTable, TimeSpan maxWait, ILogger<ProjectionWatermark> log)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(15);

    /// <summary>True once the read model holds everything the journal held when called; false if the wait ran out.</summary>
    public async Task<bool> CatchUpAsync(CancellationToken ct) => (await CatchUpToAsync(ct)).CaughtUp;

    /// <summary>
    /// As <see cref="CatchUpAsync"/>, and the journal ordering the read model had applied when it caught up (null when
    /// read-your-writes is off or there is no journal yet): two answers at the same ordering come from the same read model.
    /// </summary>
    public async Task<(bool CaughtUp, long? Projected)> CatchUpToAsync(CancellationToken ct)
    {
        if (maxWait <= TimeSpan.Zero)
        {
            return (true, null);
        }

        await using var connection = await database.OpenAsync(ct);
        long head;
        long projected;
        try
        {
            (head, projected) = await QueryPositionsAsync(connection, journalTable, ct);
        }
        catch (DbException ex)
        {
            // Before the journal plugin has created its table there is nothing the read model could lag behind.
            log.LogDebug(ex, "No journal to wait for");
            return (true, null);
        }

        var deadline = DateTime.UtcNow + maxWait;
        while (projected < head)
        {
            if (DateTime.UtcNow >= deadline)
            {
                log.LogWarning("The read model is still behind the journal after {Wait} (at {Projected} of {Head}); answering with what it has", maxWait, projected, head);
                return (false, null);
            }

            await Task.Delay(PollInterval, ct);
            projected = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT last_ordering FROM projection_offsets WHERE projection = @Name", new { ReadModelProjection.Name }, cancellationToken: ct)) ?? 0L;
        }

        return (true, projected);
    }

    /// <summary>The journal's newest ordering and the read model's applied one (0 before either exists).</summary>
    public async Task<(long Head, long Projected)> PositionsAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        try
        {
            return await QueryPositionsAsync(connection, journalTable, ct);
        }
        catch (DbException ex)
        {
            log.LogDebug(ex, "No journal yet");
            return (0, 0);
        }
    }

    /// <summary>Both orderings in one round trip: the journal and the read model share the database.</summary>
    public static Task<(long Head, long Projected)> QueryPositionsAsync(DbConnection connection, string journalTable, CancellationToken ct) =>
        connection.QuerySingleAsync<(long, long)>(new CommandDefinition(
            $"""
            SELECT COALESCE((SELECT MAX(ordering) FROM {journalTable}), 0),
                   COALESCE((SELECT last_ordering FROM projection_offsets WHERE projection = @Name), 0)
            """,
            new { ReadModelProjection.Name },
            cancellationToken: ct));

    /// <summary>Waits (at most <paramref name="timeout"/>) until the read model has applied <paramref name="ordering"/>; false if it ran out.</summary>
    public async Task<bool> WaitForAsync(long ordering, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await PositionsAsync(ct)).Projected < ordering)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        return true;
    }
}
