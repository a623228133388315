using Akka.Hosting;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Stock;

namespace Demeter.Api.Stock;

/// <summary>Stock batches: create, book movements (writes go to the batch entity), read (from the read model).</summary>
public static class StockEndpoints
{
    public static void MapStockEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/stock-batches", CreateAsync);
        app.MapPost("/api/v1/stock-batches/{id:guid}/movements", RecordAsync);
        app.MapGet("/api/v1/stock-batches/{id:guid}", GetAsync);
    }

    private static async Task<IResult> CreateAsync(
        CreateBatchRequest body, IRequiredActor<ActorKeys.StockBatchRegion> region, IRequiredActor<ActorKeys.Layout> layout, CancellationToken ct)
    {
        if (body.StorageLocationId is not { } location)
        {
            return Problem.BadRequest("storageLocationId is required.");
        }

        if (body.Quantity is not { } quantity || quantity <= 0)
        {
            return Problem.Unprocessable(StockRejections.InvalidQuantity, "quantity must be a whole number greater than zero.");
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(location, ct) is { } unknown)
        {
            return unknown;
        }

        var batchId = body.BatchId ?? Guid.NewGuid();
        var command = new CreateBatch(batchId, body.ProductId, location, quantity, body.MovementId ?? batchId, DateTimeOffset.UtcNow);
        var (reply, problem) = await region.ActorRef.AskAsync<StockBatchReply>(command, ct: ct);
        return problem ?? ToResult(reply!, created: true);
    }

    private static async Task<IResult> RecordAsync(
        Guid id, RecordMovementRequest body, IRequiredActor<ActorKeys.StockBatchRegion> region, CancellationToken ct)
    {
        if (body.MovementId is not { } movementId || movementId == Guid.Empty)
        {
            return Problem.BadRequest("movementId (a UUID chosen by the client, reused on retries) is required.");
        }

        if (!MovementTypes.TryParse(body.Type, out var type))
        {
            return Problem.Unprocessable("unknown-movement-type", $"Unknown movement type '{body.Type}'. Use plantar, sembrar, muerte, ventas or ajuste.");
        }

        if (body.Quantity is not { } quantity)
        {
            return Problem.BadRequest("quantity is required.");
        }

        var (reply, problem) = await region.ActorRef.AskAsync<StockBatchReply>(
            new RecordMovement(id, movementId, type, quantity, DateTimeOffset.UtcNow, body.Reason), ct: ct);
        return problem ?? ToResult(reply!, created: false);
    }

    private static async Task<IResult> GetAsync(
        Guid id, ReadModelQueries queries, IRequiredActor<ActorKeys.StockBatchRegion> region, CancellationToken ct)
    {
        if (await queries.StockBatchAsync(id, ct) is { } batch)
        {
            return Results.Ok(new { batch, movements = await queries.MovementsOfBatchAsync(id, ct), projected = true });
        }

        // Just created and not projected yet: the entity knows (this region does not remember entities,
        // so asking about an unknown id persists nothing).
        var (reply, problem) = await region.ActorRef.AskAsync<StockBatchReply>(new GetBatch(id), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        return reply!.Batch.Exists
            ? Results.Ok(new { batch = reply.Batch, movements = Array.Empty<StockMovementRow>(), projected = false })
            : Problem.NotFound($"Stock batch {id} does not exist.");
    }

    private static IResult ToResult(StockBatchReply reply, bool created)
    {
        if (reply.Accepted)
        {
            var body = new { batch = reply.Batch, alreadyApplied = reply.AlreadyApplied };
            return created && !reply.AlreadyApplied
                ? Results.Created($"/api/v1/stock-batches/{reply.BatchId}", body)
                : Results.Ok(body);
        }

        var detail = reply.RejectionReason ?? "Rejected.";
        return reply.RejectionCode switch
        {
            StockRejections.NotFound => Problem.NotFound(detail),
            StockRejections.AlreadyExists => Problem.Conflict(reply.RejectionCode, detail),
            _ => Problem.Unprocessable(reply.RejectionCode ?? "rejected", detail),
        };
    }
}
