using Dapper;

namespace Demeter.Cluster.ReadModel;

internal static class ProjectionSql
{
    public static Task<int> ExecAsync(this ProjectionContext c, string sql, object? parameters = null) =>
        c.Connection.ExecuteAsync(new CommandDefinition(sql, parameters, c.Transaction, cancellationToken: c.Ct));
}
