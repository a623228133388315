using Akka.Actor;
using Akka.Cluster;
using Dapper;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Admin;

/// <summary>
/// Probes for an orchestrator: live (the process answers) and ready (the node has joined its cluster and its journal
/// and read model answer a query). The journal and the read model live in one database (SQLite file or PostgreSQL), so
/// the journal check asks that database through the journal's own table once it exists. <c>/health</c> keeps its old
/// meaning (the node is Up) for the clients that poll it while a node starts.
/// </summary>
public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Ok(new HealthView("live", new Dictionary<string, string>())))
            .WithName("Live").WithSummary("200 while the process answers").WithTags("Health").Produces<HealthView>().AllowAnonymous();
        app.MapGet("/health/ready", ReadyAsync)
            .WithName("Ready").WithSummary("200 once the node is Up in its cluster and its journal and read model answer; 503 with the failing checks otherwise")
            .WithTags("Health").Produces<HealthView>().Produces<HealthView>(StatusCodes.Status503ServiceUnavailable).AllowAnonymous();
        app.MapGet("/health", (ActorSystem system) => Akka.Cluster.Cluster.Get(system).SelfMember.Status is var status && status == MemberStatus.Up
                ? Results.Ok(new HealthView("up", new Dictionary<string, string>()))
                : Results.Json(new HealthView(status.ToString().ToLowerInvariant(), new Dictionary<string, string>()), statusCode: StatusCodes.Status503ServiceUnavailable))
            .ExcludeFromDescription()
            .AllowAnonymous();
    }

    private static async Task<IResult> ReadyAsync(ActorSystem system, ReadModelDatabase database, CancellationToken ct)
    {
        var status = Akka.Cluster.Cluster.Get(system).SelfMember.Status;
        var checks = new Dictionary<string, string> { ["cluster"] = status == MemberStatus.Up ? "up" : status.ToString().ToLowerInvariant() };
        var journal = system.Settings.Config.GetString("akka.persistence.journal.sql.default.journal.table-name", "journal");
        checks["readModel"] = await ProbeAsync(database, "SELECT COUNT(*) FROM projection_offsets", ct);
        checks["journal"] = await ProbeAsync(database, $"SELECT COUNT(*) FROM (SELECT 1 FROM {journal} LIMIT 1) probe", ct) is "ok"
            ? "ok"

            // Before the first event the plugin may not have created its table yet; the database itself must answer.
            : await ProbeAsync(database, "SELECT 1", ct);
        var ready = checks.Values.All(v => v is "up" or "ok");
        return Results.Json(new HealthView(ready ? "ready" : "not_ready", checks), statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<string> ProbeAsync(ReadModelDatabase database, string sql, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ProbeTimeout);
            await using var connection = await database.OpenAsync(timeout.Token);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: timeout.Token));
            return "ok";
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A missing table (not created yet) or an unreachable database: the node cannot serve yet.
            return $"failing: {ex.GetType().Name}";
        }
    }
}

/// <summary>A health probe's answer: <c>live</c>, <c>ready</c> or <c>not_ready</c>, and each check's state.</summary>
public sealed record HealthView(string Status, IReadOnlyDictionary<string, string> Checks);
