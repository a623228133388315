using System.Collections.Concurrent;

namespace Demeter.Api.Auth;

/// <summary>
/// Whether a token's user still holds it: the user exists, is enabled, and has the token's version. Read from the
/// users table at most every few seconds per user (a change made through this node is seen at once), so a
/// disabled or demoted user is locked out within that interval on every node without a query per request.
/// </summary>
public sealed class UserTokenCheck(UserStore users, AuthSettings settings, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async ValueTask<bool> IsCurrentAsync(string userName, long tokenVersion, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!_entries.TryGetValue(userName, out var entry) || now - entry.ReadAt > settings.UserCheckInterval)
        {
            var user = await users.FindAsync(userName, ct);
            entry = new Entry(user is { Enabled: true } ? user.TokenVersion : null, now);
            _entries[userName] = entry;
        }

        return entry.Version == tokenVersion;
    }

    /// <summary>Forgets what is known of a user, after this node changed it.</summary>
    public void Forget(string userName) => _entries.TryRemove(userName, out _);

    private sealed record Entry(long? Version, DateTimeOffset ReadAt);
}
