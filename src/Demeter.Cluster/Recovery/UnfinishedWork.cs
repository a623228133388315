using Akka.Configuration;
using Dapper;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Cluster.Recovery;

/// <summary>How often the sweep runs, how old unfinished work must be before it is woken, and how much one sweep wakes.</summary>
public sealed record UnfinishedWorkSettings(TimeSpan Interval, TimeSpan StalledAfter, int MaxPerSweep)
{
    public static UnfinishedWorkSettings From(Config config) => new(
        config.GetTimeSpan("demeter.recovery.sweep-interval", TimeSpan.FromSeconds(30)),
        config.GetTimeSpan("demeter.recovery.stalled-after", TimeSpan.FromMinutes(1)),
        config.GetInt("demeter.recovery.max-per-sweep", 500));
}

/// <summary>Transplants and photo sessions the read model still shows unfinished, oldest first.</summary>
public sealed record UnfinishedWork(IReadOnlyList<Guid> Transplants, IReadOnlyList<Guid> PhotoSessions)
{
    // Photo sessions in these states still have a step of their own to take; the others wait for a person (a location,
    // a configuration) or are done.
    internal const string DrivenPhotoStatuses =
        $"'{nameof(PhotoSessionStatus.Pending)}', '{nameof(PhotoSessionStatus.Processing)}', '{nameof(PhotoSessionStatus.Counted)}'";

    public int Count => Transplants.Count + PhotoSessions.Count;

    /// <summary>Work started before <paramref name="startedBefore"/> and not finished, at most <paramref name="limit"/> of each kind.</summary>
    public static async Task<UnfinishedWork> FindAsync(ReadModelDatabase database, DateTimeOffset startedBefore, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var cutoff = startedBefore.ToUniversalTime();
        var transplants = await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT transplant_id FROM stock_transplants WHERE finished_at IS NULL AND created_at < @cutoff ORDER BY created_at LIMIT @limit",
            new { cutoff, limit },
            cancellationToken: ct));
        var sessions = await connection.QueryAsync<Guid>(new CommandDefinition(
            $"SELECT session_id FROM photo_sessions WHERE status IN ({DrivenPhotoStatuses}) AND created_at < @cutoff ORDER BY created_at LIMIT @limit",
            new { cutoff, limit },
            cancellationToken: ct));
        return new UnfinishedWork(transplants.ToList(), sessions.ToList());
    }
}
