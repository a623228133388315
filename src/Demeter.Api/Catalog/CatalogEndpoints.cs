using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Api.Stock;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Catalog;
using Demeter.Domain.Users;

namespace Demeter.Api.Catalog;

/// <summary>
/// The catalog's resources, one per kind of entry, each with the same five routes: list (filtered, paged), get,
/// create (the catalog assigns the id), replace, remove. Reads come from the read model; writes go to the
/// catalog entity and are admin work.
/// </summary>
public static class CatalogEndpoints
{
    private const long MaxBodyBytes = 64 * 1024;

    public static void MapCatalogEndpoints(this IEndpointRouteBuilder app)
    {
        Map<ProductCategory>(app, "product-categories", CatalogKind.Category, null, "Product categories (CACTUS, SUCULENTAS...)");
        Map<ProductFamily>(app, "product-families", CatalogKind.Family, "categoryId", "Product families (genera) of a category");
        Map<Product>(app, "products", CatalogKind.Product, "familyId", "Products (species and varieties) of a family, with the packaging they are grown in");
        Map<ProductState>(app, "product-states", CatalogKind.State, null, "Growth states and whether they may be sold");
        Map<ProductSize>(app, "product-sizes", CatalogKind.Size, null, "Height classes");
        Map<PackagingType>(app, "packaging-types", CatalogKind.PackagingType, null, "Pot types (rígida, termoformada, soplada...)");
        Map<PackagingMaterial>(app, "packaging-materials", CatalogKind.PackagingMaterial, null, "Pot materials");
        Map<PackagingColor>(app, "packaging-colors", CatalogKind.PackagingColor, null, "Pot colours");
        Map<Packaging>(app, "packaging", CatalogKind.Packaging, "typeId", "Pots by code (R8D: rigid 8, gold)");
        Map<PriceEntry>(app, "price-list", CatalogKind.Price, "categoryId", "Wholesale prices per category and packaging, in whole units of the local currency");
    }

    private static void Map<T>(IEndpointRouteBuilder app, string path, CatalogKind kind, string? parentName, string summary)
        where T : CatalogItem
    {
        var name = string.Concat(path.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        var group = app.MapGroup($"/api/v1/{path}").WithTags("Catalog").WithReadYourWrites();
        group.MapGet("/", (int? page, int? pageSize, string? q, HttpRequest request, CatalogQueries queries, CancellationToken ct) =>
                ListAsync<T>(kind, parentName, page, pageSize, q, request, queries, ct))
            .WithName("List" + name)
            .WithSummary(summary + (parentName is null ? string.Empty : $"; ?{parentName}=") + (kind == CatalogKind.Price ? "&packagingId=" : string.Empty) + "&q= searches names and codes")
            .Produces<PageResponse<T>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:int}", async (int id, CatalogQueries queries, CancellationToken ct) =>
                await queries.GetAsync<T>(kind, id, ct) is { } item ? Results.Ok(item) : NotFound(kind, id))
            .WithName("Get" + name)
            .WithSummary("One entry")
            .Produces<T>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", (HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct) => DefineAsync<T>(0, http, catalog, ct))
            .RequireRole(Role.Admin)
            .WithName("Create" + name)
            .WithSummary("Add an entry; the catalog assigns its id (an id in the body is ignored)")
            .Accepts<T>("application/json")
            .Produces<T>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:int}", (int id, HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct) => DefineAsync<T>(id, http, catalog, ct))
            .RequireRole(Role.Admin)
            .WithName("Replace" + name)
            .WithSummary("Replace an entry whole")
            .Accepts<T>("application/json")
            .Produces<T>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:int}", (int id, HttpContext http, CatalogQueries queries, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct) =>
                RemoveAsync(kind, id, http, queries, catalog, ct))
            .RequireRole(Role.Admin)
            .WithName("Remove" + name)
            .WithSummary("Remove an entry that nothing refers to (no other entry, no plants in stock)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync<T>(
        CatalogKind kind, string? parentName, int? page, int? pageSize, string? q, HttpRequest request, CatalogQueries queries, CancellationToken ct)
        where T : CatalogItem
    {
        if (Paging.Check(page, pageSize) is { } invalid)
        {
            return invalid;
        }

        if (q is { Length: > CatalogRules.MaxNameLength })
        {
            return Problem.BadRequest($"q has at most {CatalogRules.MaxNameLength} characters.");
        }

        int? Positive(string? parameter, out IResult? problem)
        {
            problem = null;
            if (parameter is null || request.Query[parameter] is not { Count: > 0 } values)
            {
                return null;
            }

            if (int.TryParse(values[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                return value;
            }

            problem = Problem.BadRequest($"{parameter} is a positive integer.");
            return null;
        }

        var parent = Positive(parentName, out var parentProblem);
        var packaging = Positive(kind == CatalogKind.Price ? "packagingId" : null, out var packagingProblem);
        if ((parentProblem ?? packagingProblem) is { } bad)
        {
            return bad;
        }

        var (p, size) = Paging.Of(page, pageSize);
        var (items, total) = await queries.ListAsync<T>(kind, new CatalogFilter(parent, packaging, string.IsNullOrWhiteSpace(q) ? null : q.Trim()), (p - 1) * size, size, ct);
        return Results.Ok(new PageResponse<T>(items, p, size, total));
    }

    private static async Task<IResult> DefineAsync<T>(int id, HttpContext http, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct)
        where T : CatalogItem
    {
        var (body, malformed) = await JsonBody.ReadAsync<T>(http.Request, ct, MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        var item = Normalize(body!).WithId(id);
        var (reply, problem) = await catalog.ActorRef.AskAsync<CatalogReply>(new DefineCatalogItem(item, http.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!reply!.Accepted)
        {
            return Refusal(reply);
        }

        return id == 0
            ? Results.Created($"{http.Request.Path.Value!.TrimEnd('/')}/{reply.Item!.Id}", (T)reply.Item)
            : Results.Ok((T)reply.Item!);
    }

    private static async Task<IResult> RemoveAsync(
        CatalogKind kind, int id, HttpContext http, CatalogQueries queries, IRequiredActor<ActorKeys.Catalog> catalog, CancellationToken ct)
    {
        if (await queries.HeldInStockAsync(kind, id, ct))
        {
            return Problem.Conflict(CatalogDecider.InUse, $"Plants in stock are of {CatalogDecider.Describe(kind)} {id}; it stays while they do.");
        }

        var (reply, problem) = await catalog.ActorRef.AskAsync<CatalogReply>(new RemoveCatalogItem(kind, id, http.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        return problem ?? (reply!.Accepted ? Results.NoContent() : Refusal(reply));
    }

    /// <summary>Missing lists and strings read as empty, so the rules answer "required" instead of the server failing on a null.</summary>
    public static CatalogItem Normalize(CatalogItem item) => item switch
    {
        Product p => p with { PackagingIds = p.PackagingIds ?? [], Sku = p.Sku?.Trim() ?? string.Empty, CommonName = p.CommonName?.Trim() ?? string.Empty },
        ProductCategory c => c with { Code = c.Code ?? string.Empty, Name = c.Name?.Trim() ?? string.Empty },
        ProductFamily f => f with { Name = f.Name?.Trim() ?? string.Empty },
        ProductState s => s with { Code = s.Code ?? string.Empty, Name = s.Name?.Trim() ?? string.Empty },
        ProductSize s => s with { Code = s.Code ?? string.Empty, Name = s.Name?.Trim() ?? string.Empty },
        PackagingType t => t with { Code = t.Code ?? string.Empty, Name = t.Name?.Trim() ?? string.Empty },
        PackagingMaterial m => m with { Code = m.Code ?? string.Empty, Name = m.Name?.Trim() ?? string.Empty },
        PackagingColor c => c with { Name = c.Name?.Trim() ?? string.Empty },
        Packaging p => p with { Sku = p.Sku?.Trim() ?? string.Empty, Name = p.Name?.Trim() ?? string.Empty },
        PriceEntry e => e with { Sku = e.Sku?.Trim() ?? string.Empty },
        _ => item,
    };

    public static IResult Refusal(CatalogReply reply) => reply.RejectionCode switch
    {
        CatalogDecider.NotFound => Problem.NotFound(CatalogDecider.NotFound, reply.RejectionReason!),
        CatalogDecider.Exists or CatalogDecider.InUse => Problem.Conflict(reply.RejectionCode, reply.RejectionReason!),
        _ => Problem.BadRequest(reply.RejectionCode ?? CatalogDecider.Invalid, reply.RejectionReason!),
    };

    private static IResult NotFound(CatalogKind kind, int id) => Problem.NotFound(CatalogDecider.NotFound, $"{CatalogDecider.Describe(kind)} {id} does not exist.");
}
