using System.Text.Json;
using Akka.Actor;
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
using Microsoft.AspNetCore.Http.HttpResults;

namespace Demeter.Api.Stock;

/// <summary>POST /api/v1/stock/movements (one, or a JSON array of up to 500) and GET /api/v1/stock/movements.</summary>
public static class MovementEndpoints
{
    public const int MaxBatch = 500;

    public static void MapMovementEndpoints(this RouteGroupBuilder stock)
    {
        stock.MapPost("/movements", BookAsync).RequireRole(Role.Worker)
            .WithName("BookMovements")
            .WithSummary("Book one movement, or a JSON array of movements (each answered on its own)")
            .Accepts<MovementRequest>("application/json")
            .Produces<MovementResponse>(StatusCodes.Status201Created)
            .Produces<MovementResponse>(StatusCodes.Status200OK)
            .Produces<MovementBatchResponse>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        stock.MapGet("/movements", ListAsync)
            .WithName("ListMovements")
            .WithSummary("Movements, filtered and paginated, oldest first")
            .Produces<PageResponse<StockMovementView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> BookAsync(
        HttpRequest request,
        IRequiredActor<ActorKeys.StockBatchRegion> batches,
        IRequiredActor<ActorKeys.StorageLocationRegion> locations,
        IRequiredActor<ActorKeys.Layout> layout,
        CancellationToken ct)
    {
        var (bytes, problem) = await JsonBody.ReadBytesAsync(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!JsonBody.IsArray(bytes.Span))
        {
            // One movement: parsed straight into its request, the hot path.
            var (body, malformed) = JsonBody.Parse<MovementRequest>(bytes);
            var (single, parse) = malformed is null ? Parse(body!, request.HttpContext.User.UserName()) : (null, malformed);
            if (parse is not null)
            {
                return parse;
            }

            var (reply, failure) = await BookOneAsync(single!, batches.ActorRef, locations.ActorRef, layout.ActorRef, ct);
            return failure ?? (reply!.Outcome == BatchOutcome.AlreadyApplied
                ? Results.Ok(MovementResponse.From(reply))
                : Results.Created($"/api/v1/stock/batches/{reply.BatchId}/movements", MovementResponse.From(reply)));
        }

        var (json, arrayProblem) = JsonBody.Parse<JsonElement>(bytes);
        if (arrayProblem is not null)
        {
            return arrayProblem;
        }

        if (json.GetArrayLength() is 0 or > MaxBatch)
        {
            return Problem.BadRequest($"A batch holds 1 to {MaxBatch} movements; this one has {json.GetArrayLength()}.");
        }

        var user = request.HttpContext.User.UserName();
        var items = json.EnumerateArray().Select(element => Parse(element, user)).ToList();

        var results = new MovementBatchItem[items.Count];

        // In the order given for one lot (a planting before the death that needs it), concurrently across lots.
        var lots = items
            .Select((item, index) => (item, index))
            .GroupBy(x => x.item.Request is { } r ? (object?)r.BatchId ?? r.StorageLocationId : x.index);
        await Task.WhenAll(lots.Select(async lot =>
        {
            foreach (var (item, index) in lot)
            {
                if (item.Problem is not null)
                {
                    results[index] = Item(index, item.Problem);
                    continue;
                }

                var (reply, failure) = await BookOneAsync(item.Request!, batches.ActorRef, locations.ActorRef, layout.ActorRef, ct);
                results[index] = failure is not null
                    ? Item(index, failure)
                    : new MovementBatchItem(index, reply!.Outcome == BatchOutcome.AlreadyApplied ? 200 : 201, MovementResponse.From(reply), null);
            }
        }));
        var accepted = results.Count(r => r.Movement is not null);
        if (accepted == 0)
        {
            return Problem.NoneTaken("movements", [.. results.Select(r => r.Status)], results);
        }

        return Results.Json(new MovementBatchResponse(accepted, results.Length - accepted, results), statusCode: StatusCodes.Status207MultiStatus);
    }

    /// <summary>Validates and books one movement; null reply means the returned problem answers it.</summary>
    public static async Task<(StockBatchReply? Reply, IResult? Problem)> BookOneAsync(
        BookingRequest m, IActorRef batches, IActorRef locations, IActorRef layout, CancellationToken ct)
    {
        StockBatchReply? reply;
        IResult? problem;
        if (m.BatchId is { } batchId)
        {
            (reply, problem) = await batches.AskAsync<StockBatchReply>(
                new RecordMovement(batchId, m.MovementId, m.Type, m.Quantity, DateTimeOffset.UtcNow, m.Details), ct: ct);
        }
        else
        {
            if (await layout.RequireStorageLocationAsync(m.StorageLocationId!.Value, ct) is { } unknown)
            {
                return (null, unknown);
            }

            (reply, problem) = await locations.AskAsync<StockBatchReply>(
                new BookMovementByKey(m.StorageLocationId.Value, m.MovementId, m.Type, m.Quantity, DateTimeOffset.UtcNow, m.Key!, m.Details, Guid.NewGuid(), Guid.NewGuid()),
                ct: ct);
        }

        if (problem is not null)
        {
            return (null, problem);
        }

        return reply!.Accepted ? (reply, null) : (null, StockProblems.From(reply));
    }

    /// <summary>A validated movement request: by batch id, or by claro and key.</summary>
    public sealed record BookingRequest(Guid MovementId, Guid? BatchId, int? StorageLocationId, BatchKeyRequest? Key, MovementType Type, int Quantity, MovementDetails Details);

    private static (BookingRequest? Request, IResult? Problem) Parse(JsonElement element, string user)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return (null, Problem.BadRequest("A movement is a JSON object."));
        }

        try
        {
            return Parse(element.Deserialize<MovementRequest>(JsonBody.Options)!, user);
        }
        catch (JsonException ex)
        {
            return (null, Problem.BadRequest($"The movement is not valid at {ex.Path ?? "the body"}: a value has the wrong type."));
        }
    }

    private static (BookingRequest? Request, IResult? Problem) Parse(MovementRequest body, string user)
    {
        if (body.MovementId is not { } movementId || movementId == Guid.Empty)
        {
            return (null, Problem.BadRequest("movement-id-required", "movementId (a UUID chosen by the client, reused on retries) is required."));
        }

        if (!MovementTypes.TryParse(body.Type, out var type))
        {
            return (null, Problem.Unprocessable("unknown-movement-type", $"Unknown movement type '{body.Type}'. Use plantar, sembrar, muerte, ventas or ajuste."));
        }

        switch (type)
        {
            case MovementType.ManualInit:
                return (null, Problem.Unprocessable(StockRejections.UnsupportedMovement, "A manual init is booked with POST /api/v1/stock/manual-init."));
            case MovementType.Transplante:
                return (null, Problem.Unprocessable(StockRejections.UnsupportedMovement, "A transplante is booked with POST /api/v1/stock/transplants, which moves both sides."));
            case MovementType.Foto:
                return (null, Problem.Unprocessable(StockRejections.UnsupportedMovement, "A foto movement is booked by a photo count (POST /api/v1/photos)."));
        }

        if (body.Quantity is not { } quantity)
        {
            return (null, Problem.BadRequest("quantity-required", "quantity (a whole number) is required."));
        }

        var details = new MovementDetails(user, MovementSource.Manual, Blank(body.Reason), Blank(body.Notes), body.UnitPrice);
        if (body.BatchId is { } batchId)
        {
            if (batchId == Guid.Empty)
            {
                return (null, Problem.BadRequest(StockRejections.InvalidId, "batchId must be a non-empty UUID."));
            }

            if (body.StorageLocationId is not null || body.ProductId is not null)
            {
                return (null, Problem.BadRequest("ambiguous-target", "Name the batch (batchId) or the lot (storageLocationId and productId), not both."));
            }

            return (new BookingRequest(movementId, batchId, null, null, type, quantity, details), null);
        }

        if (body.StorageLocationId is not { } location || body.ProductId is null)
        {
            return (null, Problem.BadRequest("target-required", "Name the batch (batchId), or the claro and product (storageLocationId and productId)."));
        }

        if (location <= 0)
        {
            return (null, Problem.BadRequest(StockRejections.InvalidId, "storageLocationId is a positive number."));
        }

        StorageBinCategory? category = null;
        if (body.BinCategory is { } text)
        {
            if (!StorageBinCategories.TryParse(text, out var parsed))
            {
                return (null, Problem.Unprocessable("unknown-bin-category", $"Unknown bin category '{text}'. Use segment, box, seedling_tray, plug or pot."));
            }

            category = parsed;
        }

        var key = new BatchKeyRequest(body.ProductId, null, body.ProductStateId, body.ProductSizeId, body.PackagingId, body.BinId, category);
        return (new BookingRequest(movementId, null, location, key, type, quantity, details), null);
    }

    /// <summary>The problem the single-movement endpoint would have answered, so a batch item reads the same.</summary>
    private static MovementBatchItem Item(int index, IResult problem) => problem is ProblemHttpResult p
        ? new MovementBatchItem(index, p.StatusCode, null, p.ProblemDetails)
        : new MovementBatchItem(index, StatusCodes.Status500InternalServerError, null, null);

    private static async Task<IResult> ListAsync(
        ReadModelQueries queries,
        Guid? batchId,
        int? storageLocationId,
        int? productId,
        string? type,
        string? source,
        DateTimeOffset? from,
        DateTimeOffset? to,
        bool? needsReview,
        Guid? sessionId,
        Guid? transplantId,
        int? page,
        int? pageSize,
        CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } bad)
        {
            return bad;
        }

        string? typeCode = null;
        if (type is not null)
        {
            if (!MovementTypes.TryParse(type, out var parsed))
            {
                return Problem.BadRequest("unknown-movement-type", $"Unknown movement type '{type}'.");
            }

            typeCode = parsed.ToCode();
        }

        if (source is not null && !Enum.TryParse<MovementSource>(source, ignoreCase: true, out _))
        {
            return Problem.BadRequest("unknown-source", $"Unknown source '{source}'. Use manual, ia, reconciliation or import.");
        }

        var (p, size) = Paging.Of(page, pageSize);
        var result = await queries.MovementsAsync(
            new MovementFilter(batchId, storageLocationId, productId, typeCode, source?.ToLowerInvariant(), from, to, needsReview, sessionId, transplantId), p, size, ct);
        return Results.Ok(new PageResponse<StockMovementView>(result.Items, result.Page, result.PageSize, result.Total));
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
