using Dapper;
using Demeter.Cluster.ReadModel;

namespace Demeter.Cluster.Tests.Support;

/// <summary>One-line SQL reads for assertions.</summary>
public static class Sql
{
    public static async Task<long> CountAsync(this ReadModelDatabase database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    public static async Task<List<string>> StringsAsync(this ReadModelDatabase database, string sql, object? parameters = null)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>(sql, parameters)).ToList();
    }
}
