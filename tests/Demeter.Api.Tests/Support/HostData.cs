using Demeter.TestSupport;
using Microsoft.Data.Sqlite;

namespace Demeter.Api.Tests.Support;

/// <summary>
/// What an API host runs on and a restart keeps: the data directory (blobs, models, the SQLite file) and,
/// for PostgreSQL, a fresh database of its own. Deleted and dropped on dispose.
/// </summary>
public sealed class HostData : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private HostData(string backend, TempDirectory directory, string? postgresConnection)
    {
        Backend = backend;
        _directory = directory;
        PostgresConnection = postgresConnection;
    }

    public string Backend { get; }

    public string Directory => _directory.Path;

    /// <summary>The node's SQLite file (the embedded default).</summary>
    public string SqliteFile => Path.Combine(Directory, "demeter.db");

    /// <summary>The connection string of this data's PostgreSQL database; null on SQLite.</summary>
    public string? PostgresConnection { get; }

    public string BlobDirectory => Path.Combine(Directory, "blobs");

    /// <summary>Creates the directory and, on PostgreSQL, the database (throws when PostgreSQL is required but missing).</summary>
    public static async Task<HostData> CreateAsync(string backend, string prefix)
    {
        var directory = new TempDirectory("demeter-api-" + prefix);
        if (backend == Demeter.TestSupport.Backend.Sqlite)
        {
            return new HostData(backend, directory, null);
        }

        try
        {
            if (!PostgresTestDatabase.IsAvailable)
            {
                throw new InvalidOperationException("DEMETER_REQUIRE_PG=1 but DEMETER_TEST_PG is not set: PostgreSQL tests cannot run.");
            }

            return new HostData(backend, directory, await PostgresTestDatabase.CreateDatabaseAsync("api_" + prefix));
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Every file under the blob store, temporary files included; renditions (thumbnails) are written after their blob and not counted.</summary>
    public int BlobFileCount() =>
        System.IO.Directory.Exists(BlobDirectory)
            ? System.IO.Directory.EnumerateFiles(BlobDirectory, "*", SearchOption.AllDirectories)
                .Count(f => !Path.GetRelativePath(BlobDirectory, f).StartsWith("renditions", StringComparison.Ordinal))
            : 0;

    /// <summary>Thumbnails and other renditions in the blob store.</summary>
    public int RenditionFileCount() =>
        System.IO.Directory.Exists(Path.Combine(BlobDirectory, "renditions"))
            ? System.IO.Directory.EnumerateFiles(Path.Combine(BlobDirectory, "renditions"), "*", SearchOption.AllDirectories).Count()
            : 0;

    public async ValueTask DisposeAsync()
    {
        if (PostgresConnection is not null)
        {
            await PostgresTestDatabase.DropDatabaseAsync(PostgresConnection);
        }
        else
        {
            SqliteConnection.ClearAllPools();
        }

        _directory.Dispose();
    }
}
