using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.Stock;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.Storage;
using Demeter.Domain.Users;

namespace Demeter.Api.Stock;

/// <summary>POST /api/v1/stock/transplants (a persisted saga; 201 when it finished in time, 202 while it runs) and GET its state.</summary>
public static class TransplantEndpoints
{
    /// <summary>How long the request waits for the transplant to finish before answering 202 with its status URL.</summary>
    private static readonly TimeSpan WaitForCompletion = TimeSpan.FromSeconds(10);

    /// <summary>How long reading an unfinished transplant waits for its entity before answering with the projected state.</summary>
    private static readonly TimeSpan UnfinishedAskTimeout = TimeSpan.FromSeconds(5);

    public static void MapTransplantEndpoints(this RouteGroupBuilder stock)
    {
        stock.MapPost("/transplants", StartAsync).RequireRole(Role.Worker)
            .WithName("Transplant")
            .WithSummary("Move plants from a batch to a claro's matching lot (found or created): both sides or neither")
            .Accepts<TransplantRequestBody>("application/json")
            .Produces<TransplantResponse>(StatusCodes.Status201Created)
            .Produces<TransplantResponse>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stock.MapGet("/transplants/{id:guid}", GetAsync)
            .WithName("GetTransplant")
            .WithSummary("Where a transplant stands")
            .Produces<TransplantResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> StartAsync(
        HttpRequest request,
        IRequiredActor<ActorKeys.TransplantRegion> transplants,
        IRequiredActor<ActorKeys.StockBatchRegion> batches,
        IRequiredActor<ActorKeys.Layout> layout,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<TransplantRequestBody>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.MovementId is not { } transplantId || transplantId == Guid.Empty)
        {
            return Problem.BadRequest("movement-id-required", "movementId (a UUID chosen by the client, reused on retries) is required.");
        }

        if (body.FromBatchId is not { } from || from == Guid.Empty)
        {
            return Problem.BadRequest("from-batch-required", "fromBatchId (the batch the plants leave) is required.");
        }

        if (body.ToStorageLocationId is not { } to || body.Quantity is not { } quantity)
        {
            return Problem.BadRequest("target-required", "toStorageLocationId and quantity are required.");
        }

        StorageBinCategory? category = null;
        if (body.ToBinCategory is { } text)
        {
            if (!StorageBinCategories.TryParse(text, out var parsed))
            {
                return Problem.Unprocessable("unknown-bin-category", $"Unknown bin category '{text}'. Use segment, box, seedling_tray, plug or pot.");
            }

            category = parsed;
        }

        if (to <= 0)
        {
            return Problem.BadRequest(StockRejections.InvalidId, "toStorageLocationId is a positive number.");
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(to, ct) is { } unknown)
        {
            return unknown;
        }

        var transplant = new TransplantRequest(
            from, to, quantity, body.ProductId, body.ProductStateId, body.ProductSizeId, body.PackagingId, body.ToBinId, category, request.HttpContext.User.UserName(),
            string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes.Trim());

        // A transplant into its own lot would book two movements that cancel out: refuse it before it starts.
        var (source, sourceProblem) = await batches.ActorRef.AskAsync<StockBatchReply>(new GetBatch(from), ct: ct);
        if (sourceProblem is not null)
        {
            return sourceProblem;
        }

        if (!source!.Batch.Exists)
        {
            return Problem.NotFound(StockRejections.BatchNotFound, $"Stock batch {from} does not exist.");
        }

        var s = source.Batch;
        var target = TransplantDecider.TargetKey(transplant, new BatchKey(s.StorageLocationId, s.BinId ?? Guid.Empty, s.ProductId, s.ProductName, s.ProductStateId, s.ProductSizeId, s.PackagingId));
        if (to == s.StorageLocationId && target.ProductId == s.ProductId && target.ProductName == s.ProductName && target.ProductStateId == s.ProductStateId
            && target.ProductSizeId == s.ProductSizeId && target.PackagingId == s.PackagingId && (target.BinId is null || target.BinId == s.BinId) && target.BinCategory is null)
        {
            return Problem.BadRequest("same-lot", "The destination is the source's own lot: change the claro, bin, product, state, size or packaging.");
        }

        var start = new StartTransplant(transplantId, transplant, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        TransplantReply reply;
        try
        {
            reply = await transplants.ActorRef.Ask<TransplantReply>(start, WaitForCompletion, ct);
        }
        catch (AskTimeoutException)
        {
            // No answer in time: the transplant may be running (its batches on a node that is slow or recovering), or the
            // start may never have reached it (lost with a node that died). Only its entity knows: 202 when it exists,
            // else 503, and the client sends it again under the same movementId (it runs at most once).
            var (known, _) = await transplants.ActorRef.AskAsync<TransplantReply>(new GetTransplant(transplantId), TimeSpan.FromSeconds(5), ct);
            if (known is { Transplant.Exists: true })
            {
                return Results.Accepted(TransplantResponse.UrlOf(transplantId), TransplantResponse.From(known.Transplant));
            }

            return Problem.Unavailable(
                $"Transplant {transplantId} was not confirmed as started within {WaitForCompletion.TotalSeconds:0} s (the cluster may be recovering a node); " +
                "send it again with the same movementId: it runs at most once.");
        }

        if (!reply.Accepted)
        {
            return StockProblems.From(reply.RejectionCode, reply.RejectionReason);
        }

        var state = reply.Transplant;
        return state.Status switch
        {
            TransplantStatus.Completed => Results.Created(TransplantResponse.UrlOf(transplantId), TransplantResponse.From(state)),
            TransplantStatus.Rejected => StockProblems.From(state.ErrorCode, state.Error, state.Available),
            TransplantStatus.Compensated => StockProblems.From(
                state.ErrorCode, $"The destination refused the plants ({state.Error}); they were returned to the source, so nothing changed."),
            _ => Results.Accepted(TransplantResponse.UrlOf(transplantId), TransplantResponse.From(state)),
        };
    }

    private static async Task<IResult> GetAsync(Guid id, ReadModelQueries queries, IRequiredActor<ActorKeys.TransplantRegion> transplants, CancellationToken ct)
    {
        var row = await queries.TransplantAsync(id, ct);
        if (row is { FinishedAt: not null })
        {
            return Results.Ok(TransplantResponse.From(row));
        }

        // Unfinished (or not projected yet): the entity knows best, and asking it wakes it, so a transplant whose node
        // died recovers from its journal and takes its next step. Without an answer in time (its node just died), the
        // last projected state.
        var (reply, problem) = await transplants.ActorRef.AskAsync<TransplantReply>(new GetTransplant(id), row is null ? null : UnfinishedAskTimeout, ct);
        if (reply is { Transplant.Exists: true })
        {
            return Results.Ok(TransplantResponse.From(reply.Transplant));
        }

        if (row is not null)
        {
            return Results.Ok(TransplantResponse.From(row));
        }

        return problem ?? Problem.NotFound("transplant-not-found", $"Transplant {id} does not exist.");
    }
}
