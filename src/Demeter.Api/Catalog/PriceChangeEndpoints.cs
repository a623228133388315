using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Domain.Catalog;
using Demeter.Domain.Users;

namespace Demeter.Api.Catalog;

/// <summary>POST /api/v1/price-list/changes: many prices changed at once (by a percentage, availability, discount), previewed first, all or none.</summary>
public static class PriceChangeEndpoints
{
    public static void MapPriceChangeEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/price-list/changes", ChangeAsync)
            .RequireRole(Role.Admin)
            .WithTags("Catalog")
            .WithName("ChangePrices")
            .WithSummary("Change the selected prices by a percentage (floor(old × (1 + p/100))), and/or set availability or discount; preview: true shows before and after and changes nothing")
            .Accepts<PriceChangeRequest>("application/json")
            .Produces<PriceChangeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> ChangeAsync(HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<PriceChangeRequest>(http.Request, ct);
        if (malformed is not null)
        {
            return malformed;
        }

        if (body!.PriceIds is { Count: > 10_000 } || body.PriceIds?.Any(id => id <= 0) == true || body.CategoryId is <= 0 || body.PackagingId is <= 0)
        {
            return Problem.BadRequest("categoryId, packagingId and priceIds (at most 10,000) are positive ids.");
        }

        var command = new ChangePrices(
            new PriceSelection(body.CategoryId, body.PackagingId, body.PriceIds), body.Percent, body.Availability, body.DiscountPercent, body.Preview ?? false,
            http.User.UserName(), DateTimeOffset.UtcNow);
        var (reply, problem) = await catalog.ActorRef.AskAsync<CatalogReply>(command, ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        return reply!.Accepted
            ? Results.Ok(new PriceChangeResponse(command.Preview, command.Preview ? 0 : reply.PriceChanges.Count(l => l.After != l.Before), reply.PriceChanges))
            : CatalogEndpoints.Refusal(reply);
    }
}

/// <summary>The selection (a category, a packaging, ids: all that match; none: every price) and the change.</summary>
public sealed record PriceChangeRequest(int? CategoryId, int? PackagingId, IReadOnlyList<int>? PriceIds, int? Percent, string? Availability, int? DiscountPercent, bool? Preview);

/// <summary>Each selected entry before and after; <c>changed</c> is how many were written (0 for a preview).</summary>
public sealed record PriceChangeResponse(bool Preview, int Changed, IReadOnlyList<PriceChangeLine> Entries);
