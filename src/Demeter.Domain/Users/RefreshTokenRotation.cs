namespace Demeter.Domain.Users;

/// <summary>
/// Refresh tokens rotate: each one is good for a single refresh, which hands out its successor in the same
/// family. A token presented a second time means two parties hold it (one of them a thief), so the whole
/// family is revoked and both must log in again.
/// </summary>
public static class RefreshTokenRotation
{
    public static RefreshOutcome Decide(StoredRefreshToken? token, UserSummary? user, long userTokenVersion, DateTimeOffset now)
    {
        if (token is null)
        {
            return RefreshOutcome.Unknown;
        }

        if (token.RevokedAt is not null)
        {
            return RefreshOutcome.Revoked;
        }

        if (token.UsedAt is not null)
        {
            return RefreshOutcome.Reused;
        }

        if (token.ExpiresAt <= now)
        {
            return RefreshOutcome.Expired;
        }

        // A password change or a role change starts a new token version: tokens from before it may not refresh.
        if (user is not { Enabled: true } || token.TokenVersion != userTokenVersion)
        {
            return RefreshOutcome.Revoked;
        }

        return RefreshOutcome.Rotate;
    }
}

/// <summary>A refresh token as stored: only its hash, the family it belongs to and what became of it.</summary>
public sealed record StoredRefreshToken(
    string FamilyId, string UserName, long TokenVersion, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt, DateTimeOffset? RevokedAt);

public enum RefreshOutcome
{
    /// <summary>Good: mark it used and hand out its successor.</summary>
    Rotate,

    /// <summary>No such token.</summary>
    Unknown,

    /// <summary>Past its lifetime.</summary>
    Expired,

    /// <summary>Revoked by a logout, a reuse, a password or role change, or a disabled user.</summary>
    Revoked,

    /// <summary>Used before: revoke its family.</summary>
    Reused,
}
