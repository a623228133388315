using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Layout;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Layout;
using Demeter.Domain.Users;

namespace Demeter.Api.Layout;

/// <summary>Layout import and storage-location (claro) lookups.</summary>
public static class LayoutEndpoints
{
    /// <summary>The three GeoJSON files of a whole nursery (28 warehouses, 1,290 claros) are about 1 MB; far more is not a layout.</summary>
    public const long MaxImportBytes = 64L * 1024 * 1024;

    public static void MapLayoutEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/layout/import", ImportAsync).RequireRole(Role.Admin).DisableAntiforgery()
            .WithTags("Layout")
            .WithName("ImportLayout")
            .WithSummary("Import the nursery layout: multipart files naves, canteros and claros (GeoJSON); a re-import changes only what changed")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<LayoutImportResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        app.MapGet("/api/v1/storage-locations", LocateAsync).WithReadYourWrites()
            .WithTags("Layout")
            .WithName("LocateStorageLocation")
            .WithSummary("The claro containing ?latitude=&longitude= (WGS84), or within 10 m of its centroid")
            .Produces<StorageLocationMatch>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/storage-locations/{id:int}", GetAsync).WithReadYourWrites()
            .WithTags("Layout")
            .WithName("GetStorageLocation")
            .WithSummary("One claro (or a place of the sowing ledger, kind place) with its area, storage area and warehouse")
            .Produces<StorageLocationView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, IRequiredActor<ActorKeys.Layout> layout, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Problem.UnsupportedMediaType("Send multipart/form-data with the files naves, canteros and claros.");
        }

        var (form, malformed) = await Multipart.ReadFormAsync(request, MaxImportBytes, ct, maxFields: 8);
        if (malformed is not null)
        {
            return malformed;
        }

        var texts = new Dictionary<string, string>();
        foreach (var field in new[] { "naves", "canteros", "claros" })
        {
            var file = form!.Files.GetFile(field);
            if (file is null || file.Length == 0)
            {
                return Problem.BadRequest($"The multipart field '{field}' (a GeoJSON file) is missing or empty.");
            }

            using var reader = new StreamReader(file.OpenReadStream());
            texts[field] = await reader.ReadToEndAsync(ct);
        }

        var parsed = LayoutParser.Parse(texts["naves"], texts["canteros"], texts["claros"]);
        if (!parsed.Succeeded)
        {
            return Problem.Unprocessable(
                "invalid-layout",
                $"The layout files have {parsed.Errors.Count} problem(s); nothing was imported.",
                new Dictionary<string, object?>
                {
                    // The first problems and how many there are: a broken file of 100,000 features must not answer 20 MB.
                    ["errors"] = parsed.Errors.Take(Demeter.Domain.Layout.LayoutLimits.MaxReportedErrors).Select(e => e.ToString()).ToArray(),
                    ["errorCount"] = parsed.Errors.Count,
                });
        }

        var (reply, problem) = await layout.ActorRef.AskAsync<LayoutImportReply>(
            new ImportLayout(parsed.Document!, DateTimeOffset.UtcNow), TimeSpan.FromMinutes(2), ct);
        if (problem is not null)
        {
            return problem;
        }

        return reply!.Accepted
            ? Results.Ok(new LayoutImportResponse(reply.Warehouses, reply.StorageAreas, reply.StorageLocations, reply.EventsPersisted))
            : Problem.Unprocessable(reply.RejectionCode ?? "invalid-layout", reply.RejectionReason ?? "The layout was rejected.");
    }

    /// <remarks>
    /// <c>lat</c>/<c>lon</c> are the names this lookup had before every route said latitude/longitude: still read, for the
    /// clients written then, and left out of the OpenAPI document so it names each concept once.
    /// </remarks>
    private static async Task<IResult> LocateAsync(
        string? latitude, string? longitude, HttpRequest request, IRequiredActor<ActorKeys.Layout> layout, ReadModelQueries queries, CancellationToken ct)
    {
        if (!Coordinates.TryParse(latitude ?? request.Query["lat"], longitude ?? request.Query["lon"], out var y, out var x, out var error))
        {
            return Problem.BadRequest(error);
        }

        var (lookup, problem) = await layout.ActorRef.AskAsync<StorageLocationLookup>(new LocateStorageLocation(y, x), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        if (lookup!.StorageLocationId is not { } id)
        {
            return Problem.NotFound($"No storage location contains ({y}, {x}) or lies within 10 m of it.");
        }

        var location = await queries.StorageLocationAsync(id, ct);
        return Results.Ok(new StorageLocationMatch(id, lookup.Inside, lookup.DistanceM, location));
    }

    public const string StorageLocationNotFound = "storage-location-not-found";

    /// <summary>
    /// Null when stock can be booked into the id (a claro of the layout or a registered place); otherwise the problem
    /// to answer (404, or 503 when the layout does not answer). Asked of the layout itself, so it holds right after
    /// an import, before the read model has caught up.
    /// </summary>
    public static async Task<IResult?> RequireStorageLocationAsync(this IActorRef layout, int id, CancellationToken ct)
    {
        if (id <= 0)
        {
            return Problem.BadRequest(Domain.Stock.StockRejections.InvalidId, "A storage location id is a positive number.");
        }

        var (lookup, problem) = await layout.AskAsync<StorageLocationLookup>(new FindStorageLocation(id), ct: ct);
        return problem ?? (lookup!.StorageLocationId is null
            ? Problem.NotFound(StorageLocationNotFound, $"Storage location {id} does not exist.")
            : null);
    }

    private static async Task<IResult> GetAsync(int id, ReadModelQueries queries, CancellationToken ct) =>
        await queries.StorageLocationAsync(id, ct) is { } location
            ? Results.Ok(location)
            : Problem.NotFound(StorageLocationNotFound, $"Storage location {id} does not exist.");
}

/// <summary>What a layout import holds now, and how many registrations it changed.</summary>
public sealed record LayoutImportResponse(int Warehouses, int StorageAreas, int StorageLocations, int EventsPersisted);

/// <summary>The claro a point falls in (<c>inside</c>), or the nearest within 10 m of the point (<c>distanceM</c> from its centroid).</summary>
public sealed record StorageLocationMatch(int StorageLocationId, bool Inside, double? DistanceM, StorageLocationView? StorageLocation);
