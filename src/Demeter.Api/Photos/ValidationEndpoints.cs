using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Users;

namespace Demeter.Api.Photos;

/// <summary>POST /api/v1/photo-sessions/{id}/validation: a supervisor confirms or corrects a completed session's count.</summary>
public static class ValidationEndpoints
{
    public static void MapValidationEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/photo-sessions/{id:guid}/validation", ValidateAsync).RequireRole(Role.Supervisor)
            .WithName("ValidatePhotoSessionCount")
            .WithSummary("Confirm or correct a completed session's count; it is kept on the session and teaches the calibration of the claro's product")
            .Accepts<ValidationRequest>("application/json")
            .Produces<PhotoSessionView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ValidateAsync(
        Guid id, HttpRequest request, IRequiredActor<ActorKeys.PhotoSessionRegion> sessions, EntityJournalReader journal, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ValidationRequest>(request, ct);
        if (malformed is not null)
        {
            return malformed;
        }

        if (body!.ValidatedCount is not { } count || count < 0 || count > PhotoSessionDecider.MaxValidatedTotal)
        {
            return Problem.BadRequest($"validatedCount (an integer in [0, {PhotoSessionDecider.MaxValidatedTotal}]) is required.");
        }

        if (body.Note is { Length: > 1000 })
        {
            return Problem.BadRequest("note has at most 1000 characters.");
        }

        if (!(await journal.PhotoSessionAsync(id, ct)).Exists)
        {
            return Problem.NotFound($"Photo session {id} does not exist.");
        }

        var (reply, problem) = await sessions.ActorRef.AskAsync<PhotoSessionReply>(
            new ValidatePhotoCount(id, count, body.Note, request.HttpContext.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        return reply!.Accepted
            ? Results.Ok(PhotoSessionView.From(reply.Session))
            : reply.RejectionCode == PhotoSessionDecider.InvalidInput
                ? Problem.BadRequest(reply.RejectionCode, reply.RejectionReason ?? "Invalid validation.")
                : Problem.Conflict(reply.RejectionCode ?? PhotoSessionDecider.InvalidTransition, reply.RejectionReason ?? "Rejected.");
    }
}

/// <summary>The count a supervisor found (the same as the session's to confirm it), and an optional note.</summary>
public sealed record ValidationRequest(int? ValidatedCount, string? Note);
