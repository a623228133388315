using System.Text.Json;
using Dapper;
using Demeter.Domain.Catalog;

namespace Demeter.Cluster.ReadModel;

/// <summary>Filters of a catalog list: entries under a parent (a category's families, a family's products...), a packaging's prices, a text.</summary>
public sealed record CatalogFilter(int? ParentId = null, int? PackagingId = null, string? Text = null);

/// <summary>The catalog's read side: entries of one kind as projected, each its whole record.</summary>
public sealed class CatalogQueries(ReadModelDatabase database)
{
    public async Task<(IReadOnlyList<T> Items, long Total)> ListAsync<T>(CatalogKind kind, CatalogFilter filter, int offset, int limit, CancellationToken ct)
        where T : CatalogItem
    {
        var where = "kind = @kind"
            + (filter.ParentId is null ? string.Empty : " AND parent_id = @ParentId")
            + (filter.PackagingId is null ? string.Empty : " AND packaging_id = @PackagingId")
            + (filter.Text is null ? string.Empty : " AND (LOWER(name) LIKE @text ESCAPE '!' OR LOWER(code) LIKE @text ESCAPE '!')");
        var parameters = new
        {
            kind = CatalogProjection.KindName(kind),
            filter.ParentId,
            filter.PackagingId,
            text = filter.Text is null ? null : "%" + Escape(filter.Text.ToLowerInvariant()) + "%",
            limit,
            offset,
        };
        await using var c = await database.OpenAsync(ct);
        var bodies = await c.QueryAsync<string>(new CommandDefinition(
            $"SELECT body FROM catalog_items WHERE {where} ORDER BY id LIMIT @limit OFFSET @offset", parameters, cancellationToken: ct));
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM catalog_items WHERE {where}", parameters, cancellationToken: ct));
        return ([.. bodies.Select(Read<T>)], total);
    }

    public async Task<T?> GetAsync<T>(CatalogKind kind, int id, CancellationToken ct)
        where T : CatalogItem
    {
        await using var c = await database.OpenAsync(ct);
        var body = await c.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT body FROM catalog_items WHERE kind = @kind AND id = @id", new { kind = CatalogProjection.KindName(kind), id }, cancellationToken: ct));
        return body is null ? null : Read<T>(body);
    }

    /// <summary>Whether plants are in stock under a product, packaging, state or size: such an entry may not be removed.</summary>
    public async Task<bool> HeldInStockAsync(CatalogKind kind, int id, CancellationToken ct)
    {
        var column = kind switch
        {
            CatalogKind.Product => "product_id",
            CatalogKind.Packaging => "packaging_id",
            CatalogKind.State => "product_state_id",
            CatalogKind.Size => "product_size_id",
            _ => null,
        };
        if (column is null)
        {
            return false;
        }

        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM (SELECT 1 FROM stock_batches WHERE {column} = @id AND quantity_current > 0 LIMIT 1) held", new { id }, cancellationToken: ct)) > 0;
    }

    private static T Read<T>(string body)
        where T : CatalogItem => JsonSerializer.Deserialize<T>(body, CatalogProjection.Json)!;

    // LIKE wildcards in the searched text match themselves ('!' escapes them).
    private static string Escape(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal);
}
