using System.Data.Common;
using Demeter.Cluster.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// The read-model tables, in the same database as the journal. The SQL is written once for both
/// providers: SQLite and PostgreSQL share INSERT ... ON CONFLICT upserts and accept the same type names.
/// </summary>
public sealed class ReadModelDatabase(DatabaseSettings settings)
{
    public DatabaseSettings Settings { get; } = settings;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        DbConnection connection = Settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(Settings.ConnectionString)
            : new NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>Creates the database file's folder, WAL mode on SQLite, and the read-model tables.</summary>
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
            // WAL lets the journal writer and the projector work at once (2-4x the write rate, STACK.md).
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;", ct);
        }

        foreach (var statement in ReadModelSchema.Statements)
        {
            await connection.ExecuteAsync(statement, ct);
        }
    }
}
