namespace Demeter.Cluster.Hosting;

/// <summary>Which SQL database holds the journal, snapshots and read models.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>The database of a node: the provider and its connection string.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>The linq2db provider name Akka.Persistence.Sql needs (the names linq2db 6.5.1 knows; Npgsql 10 works under PostgreSQL.15).</summary>
    public string Linq2DbProviderName => Provider switch
    {
        DatabaseProvider.Sqlite => "SQLite.MS",
        _ => "PostgreSQL.15",
    };

    public static DatabaseSettings SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, $"Data Source={path};Pooling=True;Default Timeout=30");

    public static DatabaseProvider ParseProvider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgresql" or "postgres" or "pg" or "npgsql" => DatabaseProvider.PostgreSql,
        _ => throw new ArgumentException($"Unknown database provider '{value}': use sqlite or postgresql."),
    };
}
