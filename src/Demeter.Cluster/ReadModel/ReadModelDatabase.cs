using System.Data.Common;
using Dapper;
using Demeter.Cluster.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// The read-model tables, in the same database as the journal. Rows are mapped by column name with Dapper;
/// timestamps are written in UTC (PostgreSQL's timestamptz takes nothing else, and SQLite's text then sorts
/// in time order).
/// </summary>
public sealed class ReadModelDatabase
{
    static ReadModelDatabase() => DapperTypes.Register();

    public ReadModelDatabase(DatabaseSettings settings) => Settings = settings;

    public DatabaseSettings Settings { get; }

    public bool IsPostgreSql => Settings.Provider == DatabaseProvider.PostgreSql;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = Settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(Settings.ConnectionString)
            : new NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>
    /// Creates the database file's folder, WAL mode on SQLite, and the read-model tables. A read model written
    /// by another schema version is dropped first: the projector then rebuilds it from the journal.
    /// </summary>
    public async Task EnsureSchemaAsync(CancellationToken ct = default)
    {
        if (Settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(Settings.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (folder is not null)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var connection = await OpenAsync(ct);
        if (Settings.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets the journal writer and the projector work at once (2-4x the write rate).
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA journal_mode=WAL;", cancellationToken: ct));
        }

        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (await StoredVersionAsync(connection, transaction, ct) is { } stored && stored != ReadModelSchema.Version)
        {
            await DropAsync(connection, transaction, ct);
        }

        await CreateAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Drops every read-model table (the users' tables are not part of it) and creates them empty, in one transaction
    /// (a query meanwhile waits for it rather than finding no table): the projector then rebuilds the read model from
    /// the journal's first event.
    /// </summary>
    public async Task ResetAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await DropAsync(connection, transaction, ct);
        await CreateAsync(connection, transaction, ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task DropAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var table in ReadModelSchema.Tables.Append("read_model_schema"))
        {
            await connection.ExecuteAsync(new CommandDefinition($"DROP TABLE IF EXISTS {table}", transaction: transaction, cancellationToken: ct));
        }
    }

    private async Task CreateAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var statement in ReadModelSchema.Statements(Settings.Provider))
        {
            await connection.ExecuteAsync(new CommandDefinition(statement, transaction: transaction, cancellationToken: ct));
        }

        if (await StoredVersionAsync(connection, transaction, ct) is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO read_model_schema (version, created_at) VALUES (@version, @at)",
                new { version = ReadModelSchema.Version, at = DateTimeOffset.UtcNow },
                transaction,
                cancellationToken: ct));
        }
    }

    private async Task<int?> StoredVersionAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var exists = IsPostgreSql
            ? await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('read_model_schema') IS NOT NULL", transaction: transaction, cancellationToken: ct))
            : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'read_model_schema'", transaction: transaction, cancellationToken: ct)) > 0;
        if (!exists)
        {
            // A read model from before versioning has tables but no version: treat it as outdated.
            var legacy = IsPostgreSql
                ? await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT to_regclass('stock_batches') IS NOT NULL", transaction: transaction, cancellationToken: ct))
                : await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'stock_batches'", transaction: transaction, cancellationToken: ct)) > 0;
            return legacy ? 0 : null;
        }

        return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM read_model_schema", transaction: transaction, cancellationToken: ct));
    }
}
