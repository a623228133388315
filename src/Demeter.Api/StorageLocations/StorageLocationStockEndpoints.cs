using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Api.Stock;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Cluster.StorageLocations;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Demeter.Api.StorageLocations;

public sealed record ConfigRequest(int? ProductId, int? PackagingId, int? ProductStateId, double? AreaCm2, string? Notes, string? Mode);

public sealed record BulkConfigRequest(IReadOnlyList<int>? StorageLocationIds, int? ProductId, int? PackagingId, int? ProductStateId, double? AreaCm2, string? Notes, string? Mode);

public sealed record ConfigResponse(int StorageLocationId, StorageLocationConfigView? Active, IReadOnlyList<StorageLocationConfigView> History)
{
    public static ConfigResponse From(StorageLocationState s) => new(
        s.StorageLocationId,
        s.ActiveConfig is { } a ? StorageLocationConfigView.From(s.StorageLocationId, a) : null,
        s.Configs.Select(c => StorageLocationConfigView.From(s.StorageLocationId, c)).ToList());
}

public sealed record BulkConfigItem(int StorageLocationId, int Status, ConfigResponse? Config, object? Problem);

public sealed record BinRequest(string? TypeCode, string? Label);

public sealed record BinStatusRequest(string? Status, string? Reason);

/// <summary>A claro's stock (active batches and total), its configuration, its bins and its photo counts.</summary>
public static class StorageLocationStockEndpoints
{
    public static void MapStorageLocationStockEndpoints(this IEndpointRouteBuilder app)
    {
        var locations = app.MapGroup("/api/v1/storage-locations").WithTags("Storage locations").WithReadYourWrites();
        locations.MapGet("/{id:int}/stock", StockAsync)
            .WithName("GetStorageLocationStock")
            .WithSummary("The claro's open batches and their total")
            .Produces<StorageLocationStockResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapGet("/{id:int}/config", GetConfigAsync)
            .WithName("GetStorageLocationConfig")
            .WithSummary("The claro's active configuration and its history")
            .Produces<ConfigResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapPut("/{id:int}/config", PutConfigAsync).RequireRole(Role.Admin)
            .WithName("SetStorageLocationConfig")
            .WithSummary("Set the claro's configuration: mode update corrects the active one, mode create starts a new cycle")
            .Accepts<ConfigRequest>("application/json")
            .Produces<ConfigResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        locations.MapPost("/config/bulk", BulkConfigAsync).RequireRole(Role.Admin)
            .WithName("SetStorageLocationConfigs")
            .WithSummary("Apply one configuration to many claros (each answered on its own)")
            .Accepts<BulkConfigRequest>("application/json")
            .Produces<IReadOnlyList<BulkConfigItem>>(StatusCodes.Status207MultiStatus)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        locations.MapGet("/{id:int}/bins", BinsAsync)
            .WithName("ListStorageBins")
            .WithSummary("The claro's storage bins and what they hold")
            .Produces<IReadOnlyList<StorageBinResponse>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        locations.MapPost("/{id:int}/bins", RegisterBinAsync).RequireRole(Role.Admin)
            .WithName("RegisterStorageBin")
            .WithSummary("Register a bin of a known type in the claro")
            .Accepts<BinRequest>("application/json")
            .Produces<StorageBinResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        locations.MapPatch("/{id:int}/bins/{binId:guid}", ChangeBinStatusAsync).RequireRole(Role.Admin)
            .WithName("ChangeStorageBinStatus")
            .WithSummary("Put a bin in maintenance, back to active, or retire it for good")
            .Accepts<BinStatusRequest>("application/json")
            .Produces<StorageBinResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        locations.MapGet("/{id:int}/counts", CountsAsync)
            .WithName("ListStockCounts")
            .WithSummary("The claro's photo counts and how each was booked")
            .Produces<IReadOnlyList<StockCountView>>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> StockAsync(int id, ReadModelQueries queries, CancellationToken ct)
    {
        if (await queries.StorageLocationAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        var batches = await queries.StockOfLocationAsync(id, ct);
        return Results.Ok(new StorageLocationStockResponse(id, batches.Sum(b => (long)b.Quantity), batches.Select(BatchResponse.From).ToList()));
    }

    private static async Task<IResult> GetConfigAsync(int id, ReadModelQueries queries, CancellationToken ct)
    {
        if (await queries.StorageLocationAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        var history = await queries.ConfigsAsync(id, ct);
        return Results.Ok(new ConfigResponse(id, history.LastOrDefault(c => c.Active), history));
    }

    private static async Task<IResult> PutConfigAsync(
        int id, HttpRequest request, IRequiredActor<ActorKeys.StorageLocationRegion> locations, IRequiredActor<ActorKeys.Layout> layout, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ConfigRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(id, ct) is { } unknown)
        {
            return unknown;
        }

        return await SetConfigAsync(id, body!.ProductId, body.PackagingId, body.ProductStateId, body.AreaCm2, body.Notes, body.Mode, request.HttpContext.User.UserName(), locations.ActorRef, ct) switch
        {
            (null, var p) => p!,
            (var config, _) => Results.Ok(config),
        };
    }

    private static async Task<IResult> BulkConfigAsync(
        HttpRequest request, IRequiredActor<ActorKeys.StorageLocationRegion> locations, IRequiredActor<ActorKeys.Layout> layout, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BulkConfigRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.StorageLocationIds is not { Count: > 0 and <= 2000 } ids)
        {
            return Problem.BadRequest("storage-locations-required", "storageLocationIds lists 1 to 2000 claros.");
        }

        var items = new List<BulkConfigItem>();
        foreach (var id in ids.Distinct())
        {
            if (await layout.ActorRef.RequireStorageLocationAsync(id, ct) is ProblemHttpResult unknown)
            {
                items.Add(new BulkConfigItem(id, unknown.StatusCode, null, unknown.ProblemDetails));
                continue;
            }

            var (config, failure) = await SetConfigAsync(id, body.ProductId, body.PackagingId, body.ProductStateId, body.AreaCm2, body.Notes, body.Mode, request.HttpContext.User.UserName(), locations.ActorRef, ct);
            items.Add(failure is ProblemHttpResult p ? new BulkConfigItem(id, p.StatusCode, null, p.ProblemDetails) : new BulkConfigItem(id, 200, config, null));
        }

        return items.All(i => i.Config is null)
            ? Problem.NoneTaken("claros", [.. items.Select(i => i.Status)], items)
            : Results.Json(items, statusCode: StatusCodes.Status207MultiStatus);
    }

    private static async Task<(ConfigResponse? Config, IResult? Problem)> SetConfigAsync(
        int id, int? productId, int? packagingId, int? stateId, double? areaCm2, string? notes, string? modeText, string user, IActorRef locations, CancellationToken ct)
    {
        if (productId is not { } product)
        {
            return (null, Problem.BadRequest(StorageLocationRejections.ProductRequired, "productId is required."));
        }

        ConfigMode? mode = null;
        if (modeText is not null)
        {
            if (modeText.Trim().ToLowerInvariant() is not ("update" or "create"))
            {
                return (null, Problem.BadRequest("invalid-mode", $"mode '{modeText}' is update (same crop cycle) or create (a new cycle)."));
            }

            mode = modeText.Trim().Equals("update", StringComparison.OrdinalIgnoreCase) ? ConfigMode.Update : ConfigMode.Create;
        }

        if (mode is null)
        {
            // Without a mode: correct the active config if there is one, else create the first.
            var (current, currentProblem) = await locations.AskAsync<StorageLocationReply>(new GetStorageLocation(id), ct: ct);
            if (currentProblem is not null)
            {
                return (null, currentProblem);
            }

            mode = current!.StorageLocation.ActiveConfig is null ? ConfigMode.Create : ConfigMode.Update;
        }

        var command = new SetStorageLocationConfig(
            id, Guid.NewGuid(), mode.Value, product, packagingId, stateId, areaCm2, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            user, DateTimeOffset.UtcNow);
        var (reply, problem) = await locations.AskAsync<StorageLocationReply>(command, ct: ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        return reply!.Accepted ? (ConfigResponse.From(reply.StorageLocation), null) : (null, StockProblems.From(reply.RejectionCode, reply.RejectionReason));
    }

    private static async Task<IResult> BinsAsync(int id, ReadModelQueries queries, CancellationToken ct)
    {
        if (await queries.StorageLocationAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        return Results.Ok((await queries.BinsAsync(id, ct)).Select(StorageBinResponse.From).ToList());
    }

    private static async Task<IResult> RegisterBinAsync(
        int id, HttpRequest request, IRequiredActor<ActorKeys.StorageLocationRegion> locations, IRequiredActor<ActorKeys.Layout> layout, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BinRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.TypeCode))
        {
            return Problem.BadRequest("type-required", $"typeCode is required: one of {string.Join(", ", StorageBinTypes.All.Select(t => t.Code))}.");
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(id, ct) is { } unknown)
        {
            return unknown;
        }

        var binId = Guid.NewGuid();
        var (reply, failure) = await locations.ActorRef.AskAsync<StorageLocationReply>(
            new RegisterStorageBin(id, binId, body.TypeCode.Trim(), string.IsNullOrWhiteSpace(body.Label) ? null : body.Label.Trim(), DateTimeOffset.UtcNow), ct: ct);
        if (failure is not null)
        {
            return failure;
        }

        return reply!.Accepted
            ? Results.Created($"/api/v1/storage-locations/{id}/bins", StorageBinResponse.From(reply.StorageLocation.Bins[binId], []))
            : StockProblems.From(reply.RejectionCode, reply.RejectionReason);
    }

    private static async Task<IResult> ChangeBinStatusAsync(
        int id, Guid binId, HttpRequest request, IRequiredActor<ActorKeys.StorageLocationRegion> locations, ReadModelQueries queries, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<BinStatusRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!Enum.TryParse<StorageBinStatus>(body!.Status, ignoreCase: true, out var status) || !Enum.IsDefined(status) || int.TryParse(body.Status, out _))
        {
            return Problem.BadRequest("invalid-status", $"status '{body.Status}' is active, maintenance or retired.");
        }

        var (reply, failure) = await locations.ActorRef.AskAsync<StorageLocationReply>(
            new ChangeStorageBinStatus(id, binId, status, string.IsNullOrWhiteSpace(body.Reason) ? null : body.Reason.Trim(), request.HttpContext.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (failure is not null)
        {
            return failure;
        }

        if (!reply!.Accepted)
        {
            return StockProblems.From(reply.RejectionCode, reply.RejectionReason);
        }

        var bin = reply.StorageLocation.Bins[binId];
        var projected = await queries.BinAsync(binId, ct);
        var batches = reply.StorageLocation.OpenBatches.Where(b => b.Identity.Key.BinId == binId).Select(b => b.BatchId).ToList();
        return Results.Ok(StorageBinResponse.From(bin, batches) with { Quantity = projected?.Quantity ?? 0 });
    }

    private static async Task<IResult> CountsAsync(int id, ReadModelQueries queries, CancellationToken ct)
    {
        if (await queries.StorageLocationAsync(id, ct) is null)
        {
            return NotFound(id);
        }

        return Results.Ok(await queries.CountsAsync(id, ct));
    }

    private static IResult NotFound(int id) => Problem.NotFound(LayoutEndpoints.StorageLocationNotFound, $"Storage location {id} does not exist.");
}
