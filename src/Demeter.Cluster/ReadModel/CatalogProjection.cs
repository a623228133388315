using System.Text.Json;
using Demeter.Domain.Catalog;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// catalog_items: one row per catalog entry, its whole record as JSON beside the columns queries filter, join and
/// sort by (kind, code or SKU, name, parent, packaging, unit price).
/// </summary>
public static class CatalogProjection
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task ProjectAsync(ProjectionContext c, ICatalogEvent @event) => @event switch
    {
        CatalogItemDefined e => c.ExecAsync(
            """
            INSERT INTO catalog_items (kind, id, code, name, parent_id, packaging_id, unit_price, body, updated_at, updated_by)
            VALUES (@Kind, @Id, @Code, @Name, @ParentId, @PackagingId, @UnitPrice, @Body, @At, @By)
            ON CONFLICT (kind, id) DO UPDATE SET code = excluded.code, name = excluded.name, parent_id = excluded.parent_id,
                packaging_id = excluded.packaging_id, unit_price = excluded.unit_price, body = excluded.body,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """,
            Row(e)),
        CatalogItemRemoved e => c.ExecAsync("DELETE FROM catalog_items WHERE kind = @Kind AND id = @Id", new { Kind = KindName(e.Kind), e.Id }),
        _ => Task.CompletedTask,
    };

    /// <summary>The name a kind has in the read model and at the API edge.</summary>
    public static string KindName(CatalogKind kind) => kind switch
    {
        CatalogKind.Category => "category",
        CatalogKind.Family => "family",
        CatalogKind.Product => "product",
        CatalogKind.State => "state",
        CatalogKind.Size => "size",
        CatalogKind.PackagingType => "packaging-type",
        CatalogKind.PackagingMaterial => "packaging-material",
        CatalogKind.PackagingColor => "packaging-color",
        CatalogKind.Packaging => "packaging",
        _ => "price",
    };

    private static object Row(CatalogItemDefined e)
    {
        var item = e.Item;
        var (code, name, parent, packaging, price) = item switch
        {
            ProductCategory x => (x.Code, x.Name, (int?)null, (int?)null, (long?)null),
            ProductFamily x => (x.Name, x.Name, x.CategoryId, null, null),
            Product x => (x.Sku, x.CommonName, x.FamilyId, null, null),
            ProductState x => (x.Code, x.Name, null, null, null),
            ProductSize x => (x.Code, x.Name, null, null, null),
            PackagingType x => (x.Code, x.Name, null, null, null),
            PackagingMaterial x => (x.Code, x.Name, null, null, null),
            PackagingColor x => (x.Name, x.Name, null, null, null),
            Packaging x => (x.Sku, x.Name, x.TypeId, null, null),
            PriceEntry x => (x.Sku, x.Sku, x.CategoryId, x.PackagingId, x.WholesaleUnitPrice),
            _ => (string.Empty, string.Empty, null, null, null),
        };
        return new
        {
            Kind = KindName(item.Kind),
            item.Id,
            Code = code,
            Name = name,
            ParentId = parent,
            PackagingId = packaging,
            UnitPrice = price,
            Body = JsonSerializer.Serialize(item, item.GetType(), Json),
            At = e.At.ToUniversalTime(),
            e.By,
        };
    }
}
