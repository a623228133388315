using System.Data.Common;

namespace Demeter.Cluster.ReadModel;

/// <summary>Just enough ADO.NET sugar to keep the SQL readable.</summary>
public static class DbCommandExtensions
{
    public static async Task<int> ExecuteAsync(
        this DbConnection connection, string sql, CancellationToken ct = default, DbTransaction? transaction = null, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, transaction, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public static DbCommand Command(this DbConnection connection, string sql, DbTransaction? transaction, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        return command;
    }

    public static async Task<List<T>> QueryAsync<T>(
        this DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken ct = default, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.Command(sql, null, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public static int? GetNullableInt(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToInt32(reader.GetValue(ordinal));

    public static double? GetNullableDouble(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Convert.ToDouble(reader.GetValue(ordinal));

    public static string? GetNullableString(this DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
