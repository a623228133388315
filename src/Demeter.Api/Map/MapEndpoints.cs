using System.Text.Json;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Api.Stock;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Map;

/// <summary>
/// The nursery as maps draw it (GeoJSON FeatureCollections): all warehouses with their totals; one warehouse's
/// storage areas and claros with each claro's stock and latest count; a claro with its batches; a claro's history
/// period by period. Each view costs a fixed number of queries, never one per place; the two map views are
/// rendered once per state of the read model.
/// </summary>
public static class MapEndpoints
{
    public const string GeoJsonType = "application/geo+json";

    public static void MapMapEndpoints(this IEndpointRouteBuilder app)
    {
        var map = app.MapGroup("/api/v1/map").WithTags("Map").WithReadYourWrites();
        map.MapGet("/warehouses", WarehousesAsync)
            .WithName("MapWarehouses")
            .WithSummary("Every warehouse as a polygon with its storage areas, claros, plants, batches, last photo and sessions needing attention")
            .Produces<FeatureCollection<WarehouseMapProperties>>(StatusCodes.Status200OK, GeoJsonType);
        map.MapGet("/warehouses/{id:int}", WarehouseAsync)
            .WithName("MapWarehouse")
            .WithSummary("One warehouse's storage areas and claros (kind storage_area / storage_location); each claro with its stock, latest count, quality and trend")
            .Produces<FeatureCollection<WarehouseFeatureProperties>>(StatusCodes.Status200OK, GeoJsonType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        map.MapGet("/storage-locations/{id:int}", ClaroAsync)
            .WithName("MapStorageLocation")
            .WithSummary("One claro as a feature: its polygon, stock, latest count, quality, trend, and its open batches")
            .Produces<Feature<ClaroDetailProperties>>(StatusCodes.Status200OK, GeoJsonType)
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/storage-locations/{id:int}/timeline", TimelineAsync)
            .WithTags("Map")
            .WithReadYourWrites()
            .WithName("StorageLocationTimeline")
            .WithSummary("A claro's history, newest first: one period per completed count, with the movements booked in it and what they leave unexplained")
            .Produces<PageResponse<ClaroPeriodView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> WarehousesAsync(HttpContext http, MapQueries queries, GeometryCache geometries, RenderedViews views, CancellationToken ct)
    {
        var body = await views.GetAsync("warehouses", http.ProjectedOrdering(), async () =>
        {
            var rows = await queries.WarehousesAsync(ct);
            return Serialize(http, new FeatureCollection<WarehouseMapProperties>(
                [.. rows.Select(r => new Feature<WarehouseMapProperties>(r.Id, geometries.Of(r.Geometry), WarehouseMapProperties.From(r)))]));
        });
        return Results.Bytes(body, GeoJsonType);
    }

    private static async Task<IResult> WarehouseAsync(int id, HttpContext http, MapQueries queries, GeometryCache geometries, RenderedViews views, CancellationToken ct)
    {
        byte[] missing = [];
        var body = await views.GetAsync($"warehouse:{id}", http.ProjectedOrdering(), async () =>
        {
            if (await queries.WarehouseAsync(id, ct) is not { } found)
            {
                return missing;
            }

            return Serialize(http, new FeatureCollection<WarehouseFeatureProperties>(
            [
                .. found.Areas.Select(a => new Feature<WarehouseFeatureProperties>(a.Id, geometries.Of(a.Geometry), WarehouseFeatureProperties.Area(a))),
                .. found.Claros.Select(c => new Feature<WarehouseFeatureProperties>(c.Id, geometries.Of(c.Geometry), WarehouseFeatureProperties.Claro(c))),
            ]));
        });
        return body.Length == 0 ? Problem.NotFound("warehouse-not-found", $"Warehouse {id} does not exist.") : Results.Bytes(body, GeoJsonType);
    }

    private static async Task<IResult> ClaroAsync(int id, HttpContext http, ReadModelQueries stock, GeometryCache geometries, CancellationToken ct)
    {
        var (found, batches) = await stock.ClaroWithStockAsync(id, ct);
        if (found is not { } claro)
        {
            return Problem.NotFound(Layout.LayoutEndpoints.StorageLocationNotFound, $"Storage location {id} does not exist (or is a place of the sowing ledger, not a claro).");
        }

        var feature = new Feature<ClaroDetailProperties>(
            claro.Id,
            geometries.Of(claro.Geometry),
            new ClaroDetailProperties(WarehouseFeatureProperties.Claro(claro), claro.WarehouseId, [.. batches.Select(BatchResponse.From)], $"/api/v1/storage-locations/{id}/timeline"));
        return Results.Bytes(Serialize(http, feature), GeoJsonType);
    }

    private static async Task<IResult> TimelineAsync(int id, int? page, int? pageSize, MapQueries queries, CancellationToken ct)
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        var (p, size) = Paging.Of(page ?? 1, pageSize ?? 12);
        if (await queries.TimelineAsync(id, (p - 1) * size, size, ct) is not var (periods, total))
        {
            return Problem.NotFound(Layout.LayoutEndpoints.StorageLocationNotFound, $"Storage location {id} does not exist.");
        }

        return Results.Ok(new PageResponse<ClaroPeriodView>([.. periods.Select(ClaroPeriodView.From)], p, size, total));
    }

    private static byte[] Serialize<T>(HttpContext http, T value) =>
        JsonSerializer.SerializeToUtf8Bytes(value, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions);
}

/// <summary>A claro in detail: what the warehouse map shows of it, its warehouse, its open batches, and where its history is.</summary>
public sealed record ClaroDetailProperties(WarehouseFeatureProperties StorageLocation, int? WarehouseId, IReadOnlyList<BatchResponse> Batches, string TimelineUrl);
