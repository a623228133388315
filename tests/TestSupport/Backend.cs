namespace Demeter.TestSupport;

/// <summary>The databases persistence tests run on: SQLite always, PostgreSQL when the test run provides one.</summary>
public static class Backend
{
    public const string Sqlite = "sqlite";
    public const string PostgreSql = "postgresql";

    /// <summary>
    /// Theory data: both backends under ./build.sh test, SQLite alone in a bare `dotnet test`. When
    /// DEMETER_REQUIRE_PG=1 but no server is given, PostgreSQL stays in so its cases fail instead of skipping.
    /// </summary>
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string> { Sqlite };
        if (PostgresTestDatabase.IsAvailable || PostgresTestDatabase.RequiredButMissing)
        {
            data.Add(PostgreSql);
        }

        return data;
    }
}
