using System.Globalization;
using CsvHelper;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Stock.Reconciliation;
using Demeter.Domain.Users;

namespace Demeter.Api.Stock;

/// <summary>
/// POST /api/v1/stock/reconciliations (a claro's or a warehouse's month, from the read model) and
/// POST /api/v1/stock/sales-comparisons (a client's sales CSV against the ledger).
/// </summary>
public static class ReconciliationEndpoints
{
    public const long MaxCsvBytes = 10 * 1024 * 1024;
    public const int MaxCsvLines = 100_000;

    public static void MapReconciliationEndpoints(this RouteGroupBuilder stock)
    {
        stock.MapPost("/reconciliations", ReconcileAsync).RequireRole(Role.Supervisor)
            .WithName("Reconcile")
            .WithSummary("The monthly reconciliation of a claro or a warehouse: baseline, movements, expected, closing count, inferred sales")
            .Accepts<ReconciliationRequest>("application/json")
            .Produces<ReconciliationReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithReadYourWrites();
        stock.MapPost("/sales-comparisons", CompareAsync).RequireRole(Role.Supervisor)
            .WithName("CompareSales")
            .WithSummary("Compare a client's sales CSV (product_id, packaging_id, quantity_sold, sale_date, ...) with the ledger")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<SalesComparisonResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery()
            .WithReadYourWrites();
    }

    private static async Task<IResult> ReconcileAsync(HttpRequest request, ReadModelQueries queries, NurserySettings nursery, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ReconciliationRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.StorageLocationId is null == body.WarehouseId is null)
        {
            return Problem.BadRequest("scope-required", "Name exactly one of storageLocationId (a claro) and warehouseId.");
        }

        if (body.Year is not (>= 2000 and <= 2100) || body.Month is not (>= 1 and <= 12))
        {
            return Problem.BadRequest("invalid-period", "year (2000–2100) and month (1–12) are required.");
        }

        var (from, to) = nursery.Month(body.Year.Value, body.Month.Value);
        if (body.StorageLocationId is { } location)
        {
            if (await queries.StorageLocationAsync(location, ct) is null)
            {
                return Problem.NotFound(LayoutEndpoints.StorageLocationNotFound, $"Storage location {location} does not exist.");
            }

            var (movements, counts) = await queries.LedgerAsync([location], to, ct);
            return Results.Ok(ReconciliationReport.ForStorageLocation(location, from, to, movements, counts));
        }

        var warehouse = body.WarehouseId!.Value;
        if (!await queries.WarehouseExistsAsync(warehouse, ct))
        {
            return Problem.NotFound("warehouse-not-found", $"Warehouse {warehouse} does not exist.");
        }

        var ids = await queries.StorageLocationsOfWarehouseAsync(warehouse, ct);
        var (all, allCounts) = await queries.LedgerAsync(ids, to, ct);
        var lines = ids
            .Where(id => all.Any(m => m.StorageLocationId == id) || allCounts.Any(c => c.StorageLocationId == id))
            .Select(id => ReconciliationReport.ForStorageLocation(id, from, to, all, allCounts))
            .ToList();
        return Results.Ok(ReconciliationReport.Summed(from, to, lines));
    }

    private static async Task<IResult> CompareAsync(HttpRequest request, ReadModelQueries queries, CancellationToken ct)
    {
        var (form, problem) = await Multipart.ReadFormAsync(request, MaxCsvBytes, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (form!.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Problem.BadRequest("file-required", "The multipart field 'file' (the sales CSV) is missing or empty.");
        }

        var dates = new Dictionary<string, DateOnly>();
        foreach (var name in new[] { "from", "to" })
        {
            if (form[name].ToString() is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return Problem.BadRequest("invalid-date", $"{name} '{text}' is not a date (yyyy-MM-dd).");
                }

                dates[name] = date;
            }
        }

        DateOnly? from = dates.TryGetValue("from", out var f) ? f : null;
        DateOnly? to = dates.TryGetValue("to", out var t) ? t : null;

        var (sales, errors, lineCount) = ReadSales(file);
        if (lineCount > MaxCsvLines)
        {
            return Problem.TooLarge($"The CSV has more than {MaxCsvLines} lines.");
        }

        var saleDates = sales.Where(s => s.SaleDate is not null).Select(s => s.SaleDate!.Value).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var first = from ?? (saleDates.Count > 0 ? saleDates.Min() : today.AddDays(-30));
        var last = to ?? (saleDates.Count > 0 ? saleDates.Max() : today);
        if (last < first)
        {
            return Problem.BadRequest("invalid-period", "to is before from.");
        }

        var positions = await queries.StockPositionsAsync(
            new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), new DateTimeOffset(last.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), ct);
        var report = SalesComparison.Compare(sales, positions, DateTimeOffset.UtcNow);
        return Results.Ok(new SalesComparisonResponse(first, last, sales.Count, errors.Count, errors, report));
    }

    /// <summary>Reads the sales CSV: a header row, then one sale per line; a bad line is reported with its number, the rest still count.</summary>
    private static (List<ReportedSale> Sales, List<CsvLineError> Errors, int Lines) ReadSales(IFormFile file)
    {
        var sales = new List<ReportedSale>();
        var errors = new List<CsvLineError>();
        using var csv = CsvReader.Create(file.OpenReadStream(), CsvFiles.Options(hasHeader: true), false);
        if (!csv.Read() && csv.Headers.Count == 0)
        {
            errors.Add(new CsvLineError(1, "the file has no header row"));
            return (sales, errors, 0);
        }

        var headers = csv.Headers.ToHashSet();
        string? Field(string name) => headers.Contains(name) ? csv.GetString(name) : null;
        var product = new[] { "product_id", "product_sku", "product_code" }.FirstOrDefault(headers.Contains);
        var packaging = new[] { "packaging_id", "packaging_sku", "packaging_code" }.FirstOrDefault(headers.Contains);
        if (product is null || !headers.Contains("quantity_sold"))
        {
            errors.Add(new CsvLineError(1, "the header needs product_id (or product_sku / product_code) and quantity_sold"));
            return (sales, errors, 0);
        }

        var lines = 0;
        for (var more = csv.FieldCount > 0; more; more = csv.Read())
        {
            lines++;
            if (lines > MaxCsvLines)
            {
                break;
            }

            var line = (int)csv.LineNumber;
            var productText = Field(product) ?? string.Empty;
            if (!int.TryParse(productText, NumberStyles.None, CultureInfo.InvariantCulture, out var productId) || productId <= 0)
            {
                errors.Add(new CsvLineError(line, product == "product_id"
                    ? $"product_id '{productText}' is not a positive number"
                    : $"{product} '{productText}' cannot be resolved: there is no product catalog yet, send product_id"));
                continue;
            }

            int? packagingId = null;
            if (packaging is not null && Field(packaging) is { Length: > 0 } packagingText)
            {
                if (!int.TryParse(packagingText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
                {
                    errors.Add(new CsvLineError(line, $"{packaging} '{packagingText}' is not a positive packaging id"));
                    continue;
                }

                packagingId = parsed;
            }

            var quantityText = Field("quantity_sold") ?? string.Empty;
            if (!int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0)
            {
                errors.Add(new CsvLineError(line, $"quantity_sold '{quantityText}' is not a whole number greater than zero"));
                continue;
            }

            DateOnly? date = null;
            if (Field("sale_date") is { Length: > 0 } dateText)
            {
                if (!DateOnly.TryParseExact(dateText, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    errors.Add(new CsvLineError(line, $"sale_date '{dateText}' is not a date (yyyy-MM-dd or dd/MM/yyyy)"));
                    continue;
                }

                date = parsed;
            }

            sales.Add(new ReportedSale(line, productId, packagingId, quantity, date));
        }

        return (sales, errors, lines);
    }
}

public sealed record CsvLineError(int Line, string Reason);

public sealed record SalesComparisonResponse(
    DateOnly From, DateOnly To, int AcceptedLines, int RejectedLines, IReadOnlyList<CsvLineError> Errors, SalesComparisonReport Report);
