using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Users;

namespace Demeter.Api.Photos;

/// <summary>POST /api/v1/photo-sessions/deletions: hide settled sessions from the gallery, each deletion an event with who and why.</summary>
public static class GalleryEndpoints
{
    public const int MaxSessionsPerDeletion = 500;

    public static void MapGalleryEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/photo-sessions/deletions", DeleteAsync)
            .RequireRole(Role.Supervisor)
            .WithTags("Photos")
            .WithName("DeletePhotoSessions")
            .WithSummary("Soft-delete settled sessions (completed, failed, needs_location, needs_config): hidden from the gallery, their counts and bookings kept")
            .Accepts<DeletionRequest>("application/json")
            .Produces<DeletionResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<IResult> DeleteAsync(HttpContext http, IRequiredActor<ActorKeys.PhotoSessionRegion> sessions, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<DeletionRequest>(http.Request, ct);
        if (malformed is not null)
        {
            return malformed;
        }

        if (body!.SessionIds is not { Count: > 0 and <= MaxSessionsPerDeletion } ids || ids.Any(id => id == Guid.Empty))
        {
            return Problem.BadRequest($"sessionIds lists 1-{MaxSessionsPerDeletion} session ids.");
        }

        var reason = string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim();
        if (reason is { Length: > PhotoSessionDecider.MaxDeleteReasonLength } || (reason is not null && Demeter.Domain.Common.TextRules.HasHiddenCharacters(reason)))
        {
            return Problem.BadRequest($"reason is text of at most {PhotoSessionDecider.MaxDeleteReasonLength} characters.");
        }

        var user = http.User.UserName();
        var outcomes = new List<DeletionOutcome>();
        foreach (var id in ids.Distinct())
        {
            var at = DateTimeOffset.UtcNow;
            var (reply, problem) = await sessions.ActorRef.AskAsync<PhotoSessionReply>(new DeletePhotoSession(id, reason, user, at), ct: ct);
            outcomes.Add(problem is not null || reply is null
                ? new DeletionOutcome(id, "unanswered", "The cluster did not answer in time; send it again.")
                : reply.Accepted
                    ? new DeletionOutcome(id, reply.Session.Deletion?.At == at ? "deleted" : "already_deleted", null)
                    : new DeletionOutcome(id, reply.RejectionCode == PhotoSessionDecider.NotFound ? "not_found" : "refused", reply.RejectionReason));
        }

        // Nothing of the request exists or may be hidden: a 4xx (404 when none exists), nothing was done.
        if (outcomes.All(o => o.Outcome is "not_found" or "refused"))
        {
            return Problem.NoneTaken("sessions", [.. outcomes.Select(o => o.Outcome == "not_found" ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict)], outcomes);
        }

        return Results.Ok(new DeletionResponse(outcomes.Count(o => o.Outcome == "deleted"), outcomes));
    }
}

/// <summary>The sessions to hide and why (kept with each).</summary>
public sealed record DeletionRequest(IReadOnlyList<Guid>? SessionIds, string? Reason);

/// <summary>How many sessions were hidden now, and what became of each: deleted, already_deleted, not_found, refused (still being counted), unanswered.</summary>
public sealed record DeletionResponse(int Deleted, IReadOnlyList<DeletionOutcome> Sessions);

public sealed record DeletionOutcome(Guid SessionId, string Outcome, string? Reason);
