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
        app.MapPost("/api/v1/layout/import", ImportAsync).RequireRole(Role.Admin).DisableAntiforgery();
        app.MapGet("/api/v1/storage-locations", LocateAsync).WithReadYourWrites();
        app.MapGet("/api/v1/storage-locations/{id:int}", GetAsync).WithReadYourWrites();
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
            ? Results.Ok(new
            {
                warehouses = reply.Warehouses,
                storageAreas = reply.StorageAreas,
                storageLocations = reply.StorageLocations,
                eventsPersisted = reply.EventsPersisted,
            })
            : Problem.Unprocessable(reply.RejectionCode ?? "invalid-layout", reply.RejectionReason ?? "The layout was rejected.");
    }

    private static async Task<IResult> LocateAsync(
        string? lat, string? lon, IRequiredActor<ActorKeys.Layout> layout, ReadModelQueries queries, CancellationToken ct)
    {
        if (!Coordinates.TryParse(lat, lon, out var latitude, out var longitude, out var error))
        {
            return Problem.BadRequest(error);
        }

        var (lookup, problem) = await layout.ActorRef.AskAsync<StorageLocationLookup>(new LocateStorageLocation(latitude, longitude), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        if (lookup!.StorageLocationId is not { } id)
        {
            return Problem.NotFound($"No storage location contains ({latitude}, {longitude}) or lies within 10 m of it.");
        }

        var location = await queries.StorageLocationAsync(id, ct);
        return Results.Ok(new { storageLocationId = id, inside = lookup.Inside, distanceM = lookup.DistanceM, storageLocation = location });
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
