using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Users;

namespace Demeter.Api.Stock;

/// <summary>Manual init, the batch list and one batch with its movements (from the read model), and archiving a depleted batch.</summary>
public static class BatchEndpoints
{
    public static void MapBatchEndpoints(this RouteGroupBuilder stock)
    {
        stock.MapPost("/manual-init", ManualInitAsync).RequireRole(Role.Worker)
            .WithName("ManualInit")
            .WithSummary("Initialise a claro's stock of a product by hand (its first count)")
            .Accepts<ManualInitRequest>("application/json")
            .Produces<ManualInitResponse>(StatusCodes.Status201Created)
            .Produces<ManualInitResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stock.MapGet("/batches", ListAsync)
            .WithName("ListBatches")
            .WithSummary("Batches, filtered and paginated")
            .Produces<PageResponse<BatchResponse>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        stock.MapGet("/batches/{id:guid}", GetAsync)
            .WithName("GetBatch")
            .WithSummary("One batch")
            .Produces<BatchResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        stock.MapGet("/batches/{id:guid}/movements", MovementsAsync)
            .WithName("ListBatchMovements")
            .WithSummary("The movements of one batch, oldest first")
            .Produces<PageResponse<StockMovementView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        stock.MapPost("/batches/{id:guid}/archive", ArchiveAsync).RequireRole(Role.Supervisor)
            .WithName("ArchiveBatch")
            .WithSummary("Archive a depleted batch: it takes no more movements, and its key opens a new lot")
            .Produces<BatchResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ManualInitAsync(
        HttpRequest request,
        IRequiredActor<ActorKeys.StorageLocationRegion> locations,
        IRequiredActor<ActorKeys.Layout> layout,
        CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ManualInitRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.BatchId is not null)
        {
            return Problem.BadRequest("server-assigned-id", "batchId is assigned by the server; leave it out.");
        }

        if (body.MovementId is not { } movementId || movementId == Guid.Empty)
        {
            return Problem.BadRequest("movement-id-required", "movementId (a UUID chosen by the client, reused on retries) is required.");
        }

        if (body.StorageLocationId is not { } location)
        {
            return Problem.BadRequest("storage-location-required", "storageLocationId is required.");
        }

        if (body.ProductId is null)
        {
            return Problem.BadRequest(StorageLocationRejections.ProductRequired, "productId is required.");
        }

        if (body.Quantity is not { } quantity)
        {
            return Problem.BadRequest("quantity-required", "quantity (a whole number greater than zero) is required.");
        }

        if (location <= 0)
        {
            return Problem.BadRequest(StockRejections.InvalidId, "storageLocationId is a positive number.");
        }

        StorageBinCategory? category = null;
        if (body.BinCategory is { } text)
        {
            if (!StorageBinCategories.TryParse(text, out var parsed))
            {
                return Problem.Unprocessable("unknown-bin-category", $"Unknown bin category '{text}'. Use segment, box, seedling_tray, plug or pot.");
            }

            category = parsed;
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(location, ct) is { } unknown)
        {
            return unknown;
        }

        var details = new MovementDetails(
            request.HttpContext.User.UserName(), MovementSource.Manual, $"Initial manual count by {request.HttpContext.User.UserName()}",
            string.IsNullOrWhiteSpace(body.Notes) ? null : body.Notes.Trim());
        var command = new BookMovementByKey(
            location, movementId, MovementType.ManualInit, quantity, DateTimeOffset.UtcNow,
            new BatchKeyRequest(body.ProductId, null, body.ProductStateId, body.ProductSizeId, body.PackagingId, body.BinId, category),
            details, Guid.NewGuid(), Guid.NewGuid());
        var (reply, failure) = await locations.ActorRef.AskAsync<StockBatchReply>(command, ct: ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!reply!.Accepted)
        {
            return StockProblems.From(reply);
        }

        var response = new ManualInitResponse(
            reply.BatchId, reply.Batch.Code, movementId, location, reply.Movement!.QuantityAfter, reply.Outcome == BatchOutcome.AlreadyApplied, BatchResponse.From(reply.Batch));
        return response.AlreadyApplied ? Results.Ok(response) : Results.Created($"/api/v1/stock/batches/{reply.BatchId}", response);
    }

    private static async Task<IResult> ListAsync(
        ReadModelQueries queries,
        int? storageLocationId,
        int? warehouseId,
        int? productId,
        int? productStateId,
        int? packagingId,
        bool? active,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } bad)
        {
            return bad;
        }

        var (p, size) = Paging.Of(page, pageSize);
        var result = await queries.BatchesAsync(new BatchFilter(storageLocationId, productId, productStateId, packagingId, active, warehouseId), p, size, ct);
        return Results.Ok(new PageResponse<BatchResponse>(result.Items.Select(BatchResponse.From).ToList(), result.Page, result.PageSize, result.Total));
    }

    private static async Task<IResult> GetAsync(Guid id, ReadModelQueries queries, IRequiredActor<ActorKeys.StockBatchRegion> batches, CancellationToken ct)
    {
        if (await queries.BatchAsync(id, ct) is { } batch)
        {
            return Results.Ok(BatchResponse.From(batch));
        }

        // Just created and not projected yet: the entity knows. The batch region does not remember entities, so
        // asking about an unknown id persists nothing.
        var (reply, problem) = await batches.ActorRef.AskAsync<StockBatchReply>(new GetBatch(id), ct: ct);
        return problem ?? (reply!.Batch.Exists ? Results.Ok(BatchResponse.From(reply.Batch)) : Problem.NotFound(StockRejections.BatchNotFound, $"Stock batch {id} does not exist."));
    }

    private static async Task<IResult> MovementsAsync(
        Guid id, ReadModelQueries queries, IRequiredActor<ActorKeys.StockBatchRegion> batches, int? page, int? pageSize, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (await queries.BatchAsync(id, ct) is null)
        {
            var (reply, problem) = await batches.ActorRef.AskAsync<StockBatchReply>(new GetBatch(id), ct: ct);
            if (problem is not null)
            {
                return problem;
            }

            if (!reply!.Batch.Exists)
            {
                return Problem.NotFound(StockRejections.BatchNotFound, $"Stock batch {id} does not exist.");
            }
        }

        var (p, size) = Paging.Of(page, pageSize);
        var result = await queries.MovementsAsync(new MovementFilter(BatchId: id), p, size, ct);
        return Results.Ok(new PageResponse<StockMovementView>(result.Items, result.Page, result.PageSize, result.Total));
    }

    private static async Task<IResult> ArchiveAsync(
        Guid id, HttpContext http, IRequiredActor<ActorKeys.StockBatchRegion> batches, IRequiredActor<ActorKeys.StorageLocationRegion> locations, CancellationToken ct)
    {
        var (reply, problem) = await batches.ActorRef.AskAsync<StockBatchReply>(new ArchiveBatch(id, DateTimeOffset.UtcNow, http.User.UserName()), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!reply!.Accepted)
        {
            return StockProblems.From(reply);
        }

        // The claro stops routing the key to it; if this tell is lost, the claro learns it from the batch's refusal.
        locations.ActorRef.Tell(new RecordBatchArchived(reply.Batch.StorageLocationId, id, DateTimeOffset.UtcNow), Akka.Actor.ActorRefs.NoSender);
        return Results.Ok(BatchResponse.From(reply.Batch));
    }
}
