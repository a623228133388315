using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Users;

namespace Demeter.Api.Auth;

/// <summary>
/// Users and refresh tokens, in tables of their own beside the read model (not dropped when it is rebuilt:
/// they are the source of truth, not a view of the journal). Every API node of a cluster shares them through
/// the database. A refresh token is kept only as its SHA-256, so a copy of the table lets nobody in.
/// </summary>
public sealed class UserStore(ReadModelDatabase database)
{
    public async Task EnsureSchemaAsync(CancellationToken ct)
    {
        var pg = database.IsPostgreSql;
        var ts = pg ? "TIMESTAMPTZ" : "TEXT";
        var flag = pg ? "BOOLEAN" : "INTEGER";
        await using var connection = await database.OpenAsync(ct);
        foreach (var statement in new[]
        {
            $"""
            CREATE TABLE IF NOT EXISTS auth_users (
                username TEXT PRIMARY KEY,
                role TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                enabled {flag} NOT NULL,
                token_version BIGINT NOT NULL,
                created_at {ts} NOT NULL,
                created_by TEXT NOT NULL,
                updated_at {ts} NOT NULL,
                updated_by TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS auth_refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                family_id TEXT NOT NULL,
                username TEXT NOT NULL,
                token_version BIGINT NOT NULL,
                issued_at {ts} NOT NULL,
                expires_at {ts} NOT NULL,
                used_at {ts} NULL,
                revoked_at {ts} NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_auth_refresh_tokens_family ON auth_refresh_tokens (family_id)",
            "CREATE INDEX IF NOT EXISTS ix_auth_refresh_tokens_user ON auth_refresh_tokens (username)",
            "CREATE INDEX IF NOT EXISTS ix_auth_refresh_tokens_expiry ON auth_refresh_tokens (expires_at)",
        })
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, cancellationToken: ct));
        }
    }

    public async Task<bool> AnyAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM auth_users", cancellationToken: ct)) > 0;
    }

    public async Task<StoredUser?> FindAsync(string userName, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM auth_users WHERE username = @userName", new { userName }, cancellationToken: ct)))?.ToUser();
    }

    public async Task<(IReadOnlyList<StoredUser> Users, long Total)> ListAsync(int offset, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var rows = await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM auth_users ORDER BY username LIMIT @limit OFFSET @offset", new { limit, offset }, cancellationToken: ct));
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM auth_users", cancellationToken: ct));
        return ([.. rows.Select(r => r.ToUser())], total);
    }

    /// <summary>Adds a user; false when the name is taken (also when another node added it a moment before).</summary>
    public async Task<bool> CreateAsync(string userName, Role role, string passwordHash, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO auth_users (username, role, password_hash, enabled, token_version, created_at, created_by, updated_at, updated_by)
            VALUES (@userName, @role, @passwordHash, @enabled, 1, @now, @by, @now, @by)
            ON CONFLICT (username) DO NOTHING
            """,
            new { userName, role = role.Name(), passwordHash, enabled = true, now = now.ToUniversalTime(), by },
            cancellationToken: ct)) == 1;
    }

    /// <summary>
    /// Changes a user and starts a new token version: the user's access tokens stop working and its refresh tokens
    /// are revoked, so a demoted, disabled or re-passworded user holds nothing from before. The rules are checked
    /// against the users as they are inside the transaction (two admins demoting each other cannot both win).
    /// </summary>
    public async Task<UserChange> ChangeAsync(
        string userName, Func<StoredUser, IReadOnlyList<UserSummary>, UserChangeDecision> decide, string by, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (database.IsPostgreSql)
        {
            // Serializes changes to users, so the last-admin rule sees every concurrent change.
            await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE auth_users IN SHARE ROW EXCLUSIVE MODE", transaction: transaction, cancellationToken: ct));
        }

        var rows = (await connection.QueryAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM auth_users", transaction: transaction, cancellationToken: ct))).Select(r => r.ToUser()).ToList();
        var user = rows.FirstOrDefault(u => u.UserName == userName);
        if (user is null)
        {
            return new UserChange(null, null);
        }

        var decision = decide(user, [.. rows.Select(u => u.Summary)]);
        if (decision.Error is not null)
        {
            return new UserChange(user, decision.Error);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE auth_users SET role = @role, enabled = @enabled, password_hash = @passwordHash,
                token_version = token_version + 1, updated_at = @now, updated_by = @by
            WHERE username = @userName
            """,
            new { userName, role = decision.Role.Name(), enabled = decision.Enabled, passwordHash = decision.PasswordHash ?? user.PasswordHash, now = now.ToUniversalTime(), by },
            transaction,
            cancellationToken: ct));
        await RevokeUserAsync(connection, transaction, userName, now, ct);
        await transaction.CommitAsync(ct);
        return new UserChange(
            user with { Role = decision.Role, Enabled = decision.Enabled, TokenVersion = user.TokenVersion + 1, UpdatedAt = now, UpdatedBy = by },
            null);
    }

    /// <summary>Stores a new refresh token (the first of a family, or a successor) and returns the secret the client keeps.</summary>
    public async Task<string> IssueRefreshTokenAsync(StoredUser user, string familyId, TimeSpan lifetime, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var secret = NewSecret();
        await InsertRefreshAsync(connection, null, secret, familyId, user, now, now + lifetime, ct);

        // Expired tokens are of no use to anyone; a login clears them now and then.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM auth_refresh_tokens WHERE expires_at < @cutoff", new { cutoff = (now - TimeSpan.FromDays(1)).ToUniversalTime() }, cancellationToken: ct));
        return secret;
    }

    /// <summary>Uses a refresh token once: rotates it (its successor's secret), or says why not and revokes its family on reuse.</summary>
    public async Task<RefreshResult> RefreshAsync(string secret, TimeSpan lifetime, DateTimeOffset now, CancellationToken ct)
    {
        var hash = Hash(secret);
        await using var connection = await database.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RefreshRow>(new CommandDefinition(
            "SELECT family_id, username, token_version, expires_at, used_at, revoked_at FROM auth_refresh_tokens WHERE token_hash = @hash",
            new { hash },
            transaction,
            cancellationToken: ct));
        var token = row?.ToToken();
        var user = token is null ? null : (await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            $"SELECT {UserColumns} FROM auth_users WHERE username = @userName", new { userName = token.UserName }, transaction, cancellationToken: ct)))?.ToUser();
        var outcome = RefreshTokenRotation.Decide(token, user?.Summary, user?.TokenVersion ?? 0, now);
        if (outcome == RefreshOutcome.Rotate)
        {
            // Conditional, so of two refreshes racing with one token only one rotates; the other is a reuse.
            var claimed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE auth_refresh_tokens SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL AND revoked_at IS NULL",
                new { hash, now = now.ToUniversalTime() },
                transaction,
                cancellationToken: ct));
            outcome = claimed == 1 ? RefreshOutcome.Rotate : RefreshOutcome.Reused;
        }

        if (outcome == RefreshOutcome.Reused)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE auth_refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
                new { familyId = token!.FamilyId, now = now.ToUniversalTime() },
                transaction,
                cancellationToken: ct));
        }

        string? successor = null;
        if (outcome == RefreshOutcome.Rotate)
        {
            successor = NewSecret();
            await InsertRefreshAsync(connection, transaction, successor, token!.FamilyId, user!, now, now + lifetime, ct);
        }

        await transaction.CommitAsync(ct);
        return new RefreshResult(outcome, outcome == RefreshOutcome.Rotate ? user : null, successor);
    }

    /// <summary>Revokes the family of <paramref name="secret"/> if it belongs to <paramref name="userName"/>; false when it does not.</summary>
    public async Task<bool> RevokeFamilyAsync(string secret, string userName, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var familyId = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT family_id FROM auth_refresh_tokens WHERE token_hash = @hash AND username = @userName",
            new { hash = Hash(secret), userName },
            cancellationToken: ct));
        if (familyId is null)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE auth_refresh_tokens SET revoked_at = @now WHERE family_id = @familyId AND revoked_at IS NULL",
            new { familyId, now = now.ToUniversalTime() },
            cancellationToken: ct));
        return true;
    }

    /// <summary>Whether <paramref name="secret"/> has the form of a refresh token this store issues (43 base64url characters).</summary>
    public static bool IsWellFormed(string secret) =>
        secret.Length == 43 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static string NewFamilyId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    private const string UserColumns = "username, role, password_hash, enabled, token_version, created_at, created_by, updated_at, updated_by";

    private static async Task RevokeUserAsync(DbConnection connection, DbTransaction transaction, string userName, DateTimeOffset now, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE auth_refresh_tokens SET revoked_at = @now WHERE username = @userName AND revoked_at IS NULL",
            new { userName, now = now.ToUniversalTime() },
            transaction,
            cancellationToken: ct));

    private static async Task InsertRefreshAsync(
        DbConnection connection, DbTransaction? transaction, string secret, string familyId, StoredUser user, DateTimeOffset now, DateTimeOffset expires, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO auth_refresh_tokens (token_hash, family_id, username, token_version, issued_at, expires_at)
            VALUES (@hash, @familyId, @userName, @version, @now, @expires)
            """,
            new { hash = Hash(secret), familyId, userName = user.UserName, version = user.TokenVersion, now = now.ToUniversalTime(), expires = expires.ToUniversalTime() },
            transaction,
            cancellationToken: ct));

    // 256 random bits: far beyond guessing, so a plain (unsalted, fast) hash is enough to keep it from the table.
    private static string NewSecret() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private sealed class UserRow
    {
        public string Username { get; set; } = "";

        public string Role { get; set; } = "";

        public string PasswordHash { get; set; } = "";

        public bool Enabled { get; set; }

        public long TokenVersion { get; set; }

        public DateTimeOffset CreatedAt { get; set; }

        public string CreatedBy { get; set; } = "";

        public DateTimeOffset UpdatedAt { get; set; }

        public string UpdatedBy { get; set; } = "";

        public StoredUser ToUser() => new(
            Username,
            Roles.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"User '{Username}' has an unknown role '{Role}'."),
            PasswordHash,
            Enabled,
            TokenVersion,
            CreatedAt,
            CreatedBy,
            UpdatedAt,
            UpdatedBy);
    }

    private sealed class RefreshRow
    {
        public string FamilyId { get; set; } = "";

        public string Username { get; set; } = "";

        public long TokenVersion { get; set; }

        public DateTimeOffset ExpiresAt { get; set; }

        public DateTimeOffset? UsedAt { get; set; }

        public DateTimeOffset? RevokedAt { get; set; }

        public StoredRefreshToken ToToken() => new(FamilyId, Username, TokenVersion, ExpiresAt, UsedAt, RevokedAt);
    }
}

/// <summary>A user as stored.</summary>
public sealed record StoredUser(
    string UserName, Role Role, string PasswordHash, bool Enabled, long TokenVersion,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public UserSummary Summary => new(UserName, Role, Enabled);
}

/// <summary>What a change makes of a user: its new role and state (and hash, when the password changes), or why it may not.</summary>
public sealed record UserChangeDecision(Role Role, bool Enabled, string? PasswordHash, string? Error)
{
    public static UserChangeDecision Refused(string error) => new(Role.Viewer, false, null, error);
}

/// <summary>The user after a change (null: no such user), or the rule that refused it.</summary>
public sealed record UserChange(StoredUser? User, string? Error);

/// <summary>What a refresh came to: the user and the successor's secret when it rotated.</summary>
public sealed record RefreshResult(RefreshOutcome Outcome, StoredUser? User, string? RefreshToken);
