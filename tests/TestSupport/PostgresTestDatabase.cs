using Npgsql;

namespace Demeter.TestSupport;

/// <summary>
/// Throwaway databases on the PostgreSQL server named by <c>DEMETER_TEST_PG</c>
/// (<c>./build.sh test</c> starts one and sets it; <c>./build.sh pg</c> starts one by hand).
/// </summary>
public static class PostgresTestDatabase
{
    /// <summary>The maintenance connection string from <c>DEMETER_TEST_PG</c>, or null when unset.</summary>
    public static string? MaintenanceConnectionString { get; } =
        Environment.GetEnvironmentVariable("DEMETER_TEST_PG") is { Length: > 0 } value ? value : null;

    public static bool IsAvailable => MaintenanceConnectionString is not null;

    /// <summary>True when <c>DEMETER_REQUIRE_PG=1</c> but no server is given: tests should fail, not skip.</summary>
    public static bool RequiredButMissing =>
        !IsAvailable && Environment.GetEnvironmentVariable("DEMETER_REQUIRE_PG") == "1";

    /// <summary>Creates a fresh, uniquely named database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var maintenance = MaintenanceConnectionString ?? throw new InvalidOperationException(
            "DEMETER_TEST_PG is not set: run the tests with ./build.sh test, or start a server with ./build.sh pg.");
        var name = $"{Sanitize(prefix)}_{Guid.NewGuid():N}";
        await ExecuteAsync(maintenance, $"CREATE DATABASE \"{name}\"", cancellationToken);
        return new NpgsqlConnectionStringBuilder(maintenance) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing its connections.</summary>
    public static async Task DropDatabaseAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var maintenance = MaintenanceConnectionString ?? throw new InvalidOperationException("DEMETER_TEST_PG is not set.");
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync(maintenance, $"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"")}\" WITH (FORCE)", cancellationToken);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Lower-case letters, digits and '_' only, short enough that the name stays under 63 bytes.
    private static string Sanitize(string prefix)
    {
        var chars = prefix.ToLowerInvariant().Select(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '_').Take(24);
        return "t_" + new string(chars.ToArray());
    }
}
