using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Problems;
using Demeter.Cluster.Audit;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Users;

namespace Demeter.Api.Audit;

/// <summary>
/// The auditor's routes (`demeter audit`), answered from the journal, never from the read model: an entity's events,
/// a claro's stock at a moment with the events behind each batch, a replay of every stream compared with the read
/// model, and a rebuild of the read model from the journal. Admin role only.
/// </summary>
public static class AuditEndpoints
{
    /// <summary>How long a rebuild may take to replay the journal before the request gives up waiting (the rebuild goes on).</summary>
    private static readonly TimeSpan RebuildWait = TimeSpan.FromMinutes(10);

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").WithTags("Audit").RequireRole(Role.Admin);
        audit.MapGet("/history/{entityType}/{id}", async (string entityType, string id, AuditJournal journal, CancellationToken ct) =>
            {
                var (history, error) = await journal.HistoryAsync(entityType, id, ct);
                if (history is null)
                {
                    return Problem.BadRequest("invalid-entity", error!);
                }

                return history.Events.Count == 0
                    ? Problem.NotFound("no-events", $"The journal holds no event of {entityType} {id}.")
                    : Results.Ok(history);
            })
            .WithName("AuditHistory").WithSummary("Every event of one entity's stream, oldest first: when written and effective, who, what it did, and the event")
            .Produces<AuditHistory>();
        audit.MapGet("/stock/{id:int}", async (int id, string? at, AuditJournal journal, CancellationToken ct) =>
            {
                if (at is null || !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment))
                {
                    return Problem.BadRequest("invalid-timestamp", "at is an ISO 8601 time, e.g. 2026-11-30T18:00:00Z (a time without an offset is read as UTC).");
                }

                return Results.Ok(await journal.StockAsOfAsync(id, moment, ct));
            })
            .WithName("AuditStockAsOf").WithSummary("A claro's batches at a moment, rebuilt from the journal, each with the events that made it")
            .Produces<StockAsOf>();
        audit.MapGet("/verification", async (AuditJournal journal, CancellationToken ct) => Results.Ok(await journal.VerifyAsync(ct)))
            .WithName("AuditVerify").WithSummary("Replays every stream and compares the ledger it gives with the read model; consistent is false with the differences listed")
            .Produces<AuditVerification>();
        audit.MapPost("/rebuild", RebuildAsync)
            .WithName("AuditRebuild").WithSummary("Drops the read model and rebuilds it from the journal's first event (body {\"confirm\": \"rebuild\"}); answers once it has caught up")
            .Accepts<RebuildRequest>("application/json")
            .Produces<RebuildView>();
    }

    private static async Task<IResult> RebuildAsync(HttpRequest request, IRequiredActor<ActorKeys.Projector> projector, ProjectionWatermark watermark, CancellationToken ct)
    {
        // Dropping the read model is asked for in words: a stray or replayed POST rebuilds nothing.
        var (body, problem) = await Http.JsonBody.ReadAsync<RebuildRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body?.Confirm != "rebuild")
        {
            return Problem.BadRequest("confirmation-required", "Send {\"confirm\": \"rebuild\"}: the read model is dropped and rebuilt from the journal.");
        }

        var watch = Stopwatch.StartNew();
        var (head, _) = await watermark.PositionsAsync(ct);
        object reply;
        try
        {
            reply = await projector.ActorRef.Ask<object>(new RebuildReadModel(), TimeSpan.FromSeconds(60), ct);
        }
        catch (AskTimeoutException)
        {
            return Problem.Create(
                StatusCodes.Status503ServiceUnavailable, "projector-unavailable", "The projector did not answer.",
                "No projector answered within 60 s: is a node with the projector role up? `demeter cluster show` lists the roles.");
        }

        if (reply is ReadModelRebuildFailed failed)
        {
            return Problem.Create(StatusCodes.Status500InternalServerError, "rebuild-failed", "The read model could not be reset.", failed.Reason);
        }

        var caughtUp = await watermark.WaitForAsync(head, RebuildWait, ct);
        return Results.Ok(new RebuildView(head, caughtUp, watch.Elapsed.TotalMilliseconds));
    }
}

/// <summary>The rebuild's confirmation: <c>{"confirm": "rebuild"}</c>.</summary>
public sealed record RebuildRequest(string? Confirm);

/// <summary>The rebuild replayed the journal up to <see cref="Ordering"/> (its head when asked); false if that took longer than the request waits.</summary>
public sealed record RebuildView(long Ordering, bool CaughtUp, double ElapsedMs);
