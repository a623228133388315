using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Api.Stock;
using Demeter.Cluster.Hosting;
using Demeter.Domain.Catalog;
using Demeter.Domain.Catalog.Import;
using Demeter.Domain.Users;

namespace Demeter.Api.Catalog;

/// <summary>
/// POST /api/v1/catalog/imports/products and /prices: the nursery's product list and price list as they are
/// (multipart <c>file</c>), with a report of every line. Entries are found again by their codes and names, so a
/// second run changes nothing; one import is one write of the catalog, all of it or none.
/// </summary>
public static class CatalogImportEndpoints
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxLines = 20_000;

    public static void MapCatalogImportEndpoints(this IEndpointRouteBuilder app)
    {
        var imports = app.MapGroup("/api/v1/catalog/imports").WithTags("Catalog").RequireRole(Role.Admin);
        imports.MapPost("/products", (HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct) =>
                ImportAsync(http, catalog, ProductListImport.Plan, "product list", ct))
            .WithName("ImportProductList")
            .WithSummary("Import the product list CSV (pot code, genus, species): categories, families, products and their pots; every line reported")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<CatalogImportReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        imports.MapPost("/prices", (HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct) =>
                ImportAsync(http, catalog, PriceListImport.Plan, "price list", ct))
            .WithName("ImportPriceList")
            .WithSummary("Import the wholesale price list CSV: categories, pots and one price entry per code; every line reported")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<CatalogImportReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http,
        IRequiredActor<ActorKeys.Catalog> catalog,
        Func<IEnumerable<(int Line, IReadOnlyList<string> Cells)>, CatalogImportPlan> planner,
        string what,
        CancellationToken ct)
    {
        var (rows, problem) = await CsvFiles.ReadUploadAsync(http.Request, MaxBytes, MaxLines, $"the {what}", ct);
        if (problem is not null)
        {
            return problem;
        }

        var plan = planner(rows!);
        if (plan.Lines.All(l => l.Items.Count == 0))
        {
            return Problem.Unprocessable(
                "invalid-catalog-file", $"No line of the file is a line of a {what}.", new Dictionary<string, object?> { ["lines"] = Lines(plan, []).Take(100).ToList() });
        }

        var (reply, askProblem) = await catalog.ActorRef.AskAsync<CatalogReply>(new ImportCatalogItems(plan.Items, http.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (askProblem is not null)
        {
            return askProblem;
        }

        if (!reply!.Accepted)
        {
            return CatalogEndpoints.Refusal(reply);
        }

        var lines = Lines(plan, reply.Outcomes);
        return Results.Ok(new CatalogImportReport(
            rows!.Count,
            lines.Count(l => l.Outcome == CatalogOutcome.Created),
            lines.Count(l => l.Outcome == CatalogOutcome.Updated),
            lines.Count(l => l.Outcome == CatalogOutcome.Unchanged),
            lines.Count(l => l.Outcome == CatalogOutcome.Rejected),
            lines.Count(l => l.Outcome == "skipped"),
            lines));
    }

    /// <summary>A line's outcome is its last entry's (the product or the price it is about); any refused entry refuses the line.</summary>
    private static List<CatalogImportLine> Lines(CatalogImportPlan plan, IReadOnlyList<CatalogOutcome> outcomes) =>
    [
        .. plan.Lines.Select(line =>
        {
            if (line.Skipped is not null)
            {
                return new CatalogImportLine(line.Line, "skipped", null, line.Skipped, line.Warnings);
            }

            if (line.Rejected is not null)
            {
                return new CatalogImportLine(line.Line, CatalogOutcome.Rejected, null, line.Rejected, line.Warnings);
            }

            var mine = line.Items.Select(i => outcomes.FirstOrDefault(o => o.Index == i)).ToList();
            if (mine.FirstOrDefault(o => o is null or { Outcome: CatalogOutcome.Rejected }) is { } refused)
            {
                return new CatalogImportLine(line.Line, CatalogOutcome.Rejected, null, refused.Reason ?? "not imported", line.Warnings);
            }

            var last = mine[^1]!;
            return new CatalogImportLine(line.Line, last.Outcome, last.Id, null, line.Warnings);
        }),
    ];
}

/// <summary>What an import did, line by line; counts by outcome (created, updated, unchanged, rejected, skipped: titles, headers, blank lines).</summary>
public sealed record CatalogImportReport(int Lines, int Created, int Updated, int Unchanged, int Rejected, int Skipped, IReadOnlyList<CatalogImportLine> Items);

/// <summary>One line of an imported file: its outcome, the id of the product or price it is about, why it was refused or skipped, notes.</summary>
public sealed record CatalogImportLine(int Line, string Outcome, int? Id, string? Reason, IReadOnlyList<string> Warnings);
