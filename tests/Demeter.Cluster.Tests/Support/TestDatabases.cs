using Demeter.Cluster.Hosting;
using Demeter.TestSupport;

namespace Demeter.Cluster.Tests.Support;

/// <summary>Fresh databases for node tests, one per test, of either backend.</summary>
public static class TestDatabases
{
    /// <summary>A fresh, empty database of the given backend, dropped on dispose.</summary>
    public static async Task<TestDatabase> CreateAsync(string backend, string directory, string prefix)
    {
        if (backend == Backend.Sqlite)
        {
            return new TestDatabase(DatabaseSettings.SqliteFile(Path.Combine(directory, "demeter.db")), null);
        }

        if (!PostgresTestDatabase.IsAvailable)
        {
            throw new InvalidOperationException("DEMETER_REQUIRE_PG=1 but DEMETER_TEST_PG is not set: PostgreSQL tests cannot run.");
        }

        var connection = await PostgresTestDatabase.CreateDatabaseAsync(prefix);
        return new TestDatabase(new DatabaseSettings(DatabaseProvider.PostgreSql, connection), connection);
    }
}

public sealed class TestDatabase(DatabaseSettings settings, string? postgresConnection) : IAsyncDisposable
{
    public DatabaseSettings Settings { get; } = settings;

    public async ValueTask DisposeAsync()
    {
        if (postgresConnection is not null)
        {
            await PostgresTestDatabase.DropDatabaseAsync(postgresConnection);
        }
    }
}
