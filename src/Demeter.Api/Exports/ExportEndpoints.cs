using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Demeter.Api.Analytics;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Exports;

/// <summary>
/// Exports written as they are read: stock and movements as CSV (UTF-8, a header line), the claros with their stock
/// as GeoJSON. Nothing is gathered in memory first, so an export of a million movements streams from the first row.
/// </summary>
public static class ExportEndpoints
{
    private const int FlushEvery = 1000;

    public static void MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var exports = app.MapGroup("/api/v1/exports").WithTags("Exports").WithReadYourWrites();
        exports.MapGet("/stock.csv", StockAsync)
            .WithName("ExportStock")
            .WithSummary("Every open batch with where it is and what it holds, as CSV; ?warehouseId, storageLocationId, productId")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        exports.MapGet("/movements.csv", MovementsAsync)
            .WithName("ExportMovements")
            .WithSummary("The movements in time order, as CSV; ?from, to, type, warehouseId, storageLocationId, productId")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        exports.MapGet("/storage-locations.geojson", StorageLocationsAsync)
            .WithName("ExportStorageLocations")
            .WithSummary("Every claro as a GeoJSON feature with its stock; ?warehouseId")
            .Produces(StatusCodes.Status200OK, contentType: "application/geo+json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> StockAsync(HttpContext http, int? warehouseId, int? storageLocationId, int? productId, ExportQueries queries, CancellationToken ct)
    {
        if (AnalyticsEndpoints.Filter(warehouseId, storageLocationId, productId, null, null, out var filter) is { } invalid)
        {
            return invalid;
        }

        await WriteCsvAsync(
            http,
            "stock",
            ["batch_id", "code", "warehouse", "storage_area", "storage_location_id", "storage_location", "product_id", "product", "family", "category", "product_state", "product_size", "packaging", "quantity", "status", "created_at", "updated_at"],
            queries.StockAsync(filter, ct),
            r => [r.BatchId.ToString(), r.Code, r.Warehouse, r.StorageArea, Number(r.StorageLocationId), r.StorageLocation, Number(r.ProductId), r.Product, r.Family, r.Category, r.ProductState, r.ProductSize, r.Packaging, Number(r.Quantity), r.Status, Time(r.CreatedAt), Time(r.UpdatedAt)],
            ct);
        return Results.Empty;
    }

    private static async Task<IResult> MovementsAsync(
        HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? type, int? warehouseId, int? storageLocationId, int? productId, ExportQueries queries, CancellationToken ct)
    {
        if (AnalyticsEndpoints.Filter(warehouseId, storageLocationId, productId, null, null, out var filter) is { } invalid)
        {
            return invalid;
        }

        string? code = null;
        if (type is not null)
        {
            if (!Demeter.Domain.Stock.MovementTypes.TryParse(type, out var parsed))
            {
                return Problem.BadRequest("invalid-movement-type", $"type '{type}' is not a movement type.");
            }

            code = Demeter.Domain.Stock.MovementTypes.ToCode(parsed);
        }

        await WriteCsvAsync(
            http,
            "movements",
            ["occurred_at", "movement_id", "batch_id", "storage_location_id", "storage_location", "product_id", "packaging_id", "type", "quantity", "quantity_after", "source", "user", "reason", "unit_price", "session_id", "transplant_id"],
            queries.MovementsAsync(filter, from, to, code, ct),
            r => [Time(r.OccurredAt), r.MovementId.ToString(), r.BatchId.ToString(), Number(r.StorageLocationId), r.StorageLocation, Number(r.ProductId), Number(r.PackagingId), r.MovementType, Number(r.Quantity), Number(r.QuantityAfter), r.Source, r.UserName, r.Reason, r.UnitPrice?.ToString(CultureInfo.InvariantCulture), r.SessionId?.ToString(), r.TransplantId?.ToString()],
            ct);
        return Results.Empty;
    }

    private static async Task<IResult> StorageLocationsAsync(HttpContext http, int? warehouseId, ExportQueries queries, CancellationToken ct)
    {
        if (warehouseId is <= 0)
        {
            return Problem.BadRequest("warehouseId is a positive integer.");
        }

        http.Response.ContentType = "application/geo+json";
        http.Response.Headers.ContentDisposition = "attachment; filename=\"storage-locations.geojson\"";
        await using var json = new Utf8JsonWriter(http.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var written = 0;
        await foreach (var claro in queries.StorageLocationsAsync(warehouseId, ct))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteNumber("id", claro.Id);
            json.WritePropertyName("geometry");
            if (claro.Geometry is { Length: > 0 } geometry)
            {
                // Stored as GeoJSON by the projection: written as it is, not parsed and written again.
                json.WriteRawValue(geometry, skipInputValidation: true);
            }
            else
            {
                json.WriteNullValue();
            }

            json.WriteStartObject("properties");
            json.WriteString("code", claro.Code);
            json.WriteString("label", claro.Label);
            json.WriteString("warehouse", claro.Warehouse);
            json.WriteString("storageArea", claro.StorageArea);
            if (claro.AreaM2 is { } area)
            {
                json.WriteNumber("areaM2", area);
            }

            json.WriteNumber("plants", claro.Plants);
            json.WriteNumber("batches", claro.Batches);
            json.WriteEndObject();
            json.WriteEndObject();
            if (++written % FlushEvery == 0)
            {
                await json.FlushAsync(ct);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task WriteCsvAsync<T>(HttpContext http, string name, string[] header, IAsyncEnumerable<T> rows, Func<T, string?[]> cells, CancellationToken ct)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.csv\"";
        await using var csv = CsvWriter.Create(http.Response.Body, CsvWriterOptions.Default, leaveOpen: true);
        await csv.WriteRecordAsync(header, ct);
        var written = 0;
        await foreach (var row in rows)
        {
            await csv.WriteRecordAsync([.. cells(row).Select(Cell)], ct);
            if (++written % FlushEvery == 0)
            {
                await csv.FlushAsync(ct);
            }
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>
    /// A text cell a spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) is
    /// written with a leading apostrophe, so opening an export never runs what someone typed into a name or a reason.
    /// </summary>
    public static string Cell(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text ?? string.Empty;

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
