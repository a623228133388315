using System.Text.Json.Serialization;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Catalog;

/// <summary>The kinds of things the catalog holds; each has its own ids (a product 7 and a packaging 7 are unrelated).</summary>
public enum CatalogKind
{
    Category,
    Family,
    Product,
    State,
    Size,
    PackagingType,
    PackagingMaterial,
    PackagingColor,
    Packaging,
    Price,
}

/// <summary>
/// One entry of the catalog: what the nursery grows (category → family → product, with states and sizes), what it
/// grows it in (packaging by type, material and colour) and what it charges (a price per category and packaging).
/// Ids are the catalog's own, assigned when an entry is first defined; events carry whole entries.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(ProductCategory), "category")]
[JsonDerivedType(typeof(ProductFamily), "family")]
[JsonDerivedType(typeof(Product), "product")]
[JsonDerivedType(typeof(ProductState), "state")]
[JsonDerivedType(typeof(ProductSize), "size")]
[JsonDerivedType(typeof(PackagingType), "packaging-type")]
[JsonDerivedType(typeof(PackagingMaterial), "packaging-material")]
[JsonDerivedType(typeof(PackagingColor), "packaging-color")]
[JsonDerivedType(typeof(Packaging), "packaging")]
[JsonDerivedType(typeof(PriceEntry), "price")]
public abstract record CatalogItem
{
    public abstract int Id { get; init; }

    [JsonIgnore]
    public abstract CatalogKind Kind { get; }

    /// <summary>What names the entry in an import, so a re-run finds it again (a code, a SKU, a name under its parent).</summary>
    [JsonIgnore]
    public abstract string NaturalKey { get; }

    public abstract CatalogItem WithId(int id);
}

/// <summary>CACTUS, SUCULENTAS, AGAVES, INJERTO, PIEDRA_FLUO...: the root of the taxonomy and what prices are set per.</summary>
public sealed record ProductCategory(int Id, string Code, string Name, string? Description) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Category;

    [JsonIgnore]
    public override string NaturalKey => Code;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>A genus (Mammillaria, Echeveria, Haworthia) within a category.</summary>
public sealed record ProductFamily(int Id, int CategoryId, string Name, string? ScientificName, string? Description) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Family;

    [JsonIgnore]
    public override string NaturalKey => $"{CategoryId}:{Name.ToUpperInvariant()}";

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>A species or variety of a family, with the packaging it is grown in; its SKU never changes.</summary>
public sealed record Product(
    int Id, int FamilyId, string Sku, string CommonName, string? ScientificName, string? Description, IReadOnlyList<int> PackagingIds) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Product;

    [JsonIgnore]
    public override string NaturalKey => $"{FamilyId}:{CommonName.ToUpperInvariant()}";

    public override CatalogItem WithId(int id) => this with { Id = id };

    public bool Equals(Product? other) =>
        other is not null && (Id, FamilyId, Sku, CommonName, ScientificName, Description) == (other.Id, other.FamilyId, other.Sku, other.CommonName, other.ScientificName, other.Description)
        && PackagingIds.SequenceEqual(other.PackagingIds);

    public override int GetHashCode() => HashCode.Combine(Id, FamilyId, Sku, CommonName);
}

/// <summary>A growth stage (SEEDLING, ADULT, FLOWERING...), and whether plants in it may be sold.</summary>
public sealed record ProductState(int Id, string Code, string Name, bool IsSellable, int SortOrder) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.State;

    [JsonIgnore]
    public override string NaturalKey => Code;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>A height class (XS 0–5 cm ... XXL ≥ 80 cm); either bound may be open.</summary>
public sealed record ProductSize(int Id, string Code, string Name, double? MinHeightCm, double? MaxHeightCm, int SortOrder) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Size;

    [JsonIgnore]
    public override string NaturalKey => Code;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>RIGID (rígida), FLEXIBLE, TERMOFORMADA, SOPLADA (blow-moulded)...</summary>
public sealed record PackagingType(int Id, string Code, string Name) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.PackagingType;

    [JsonIgnore]
    public override string NaturalKey => Code;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>PLASTIC, BIODEGRADABLE, CERAMIC...</summary>
public sealed record PackagingMaterial(int Id, string Code, string Name) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.PackagingMaterial;

    [JsonIgnore]
    public override string NaturalKey => Code;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>terracota, dorada, gris, blanco...; the hex code is for drawing it.</summary>
public sealed record PackagingColor(int Id, string Name, string? HexCode) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.PackagingColor;

    [JsonIgnore]
    public override string NaturalKey => Name.ToUpperInvariant();

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>A pot the nursery uses (e.g. R8D, a rigid square 8 cm pot in gold), by its code.</summary>
public sealed record Packaging(
    int Id, string Sku, string Name, int? TypeId, int? MaterialId, int? ColorId, double? VolumeLiters, double? DiameterCm, double? HeightCm) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Packaging;

    [JsonIgnore]
    public override string NaturalKey => Sku;

    public override CatalogItem WithId(int id) => this with { Id = id };
}

/// <summary>
/// A wholesale price of a category's plants in one packaging, in whole units of the local currency. A price
/// list may hold several entries for one category and packaging (grafts, mother plants), so the entry's SKU is
/// its key. Prices are not rewritten into past movements: a sale keeps the unit price it was booked with.
/// </summary>
public sealed record PriceEntry(
    int Id,
    string Sku,
    int CategoryId,
    int PackagingId,
    long WholesaleUnitPrice,
    long? RetailUnitPrice,
    int UnitsPerBox,
    int DiscountPercent,
    string? Observations,
    string? Availability) : CatalogItem
{
    [JsonIgnore]
    public override CatalogKind Kind => CatalogKind.Price;

    [JsonIgnore]
    public override string NaturalKey => Sku;

    /// <summary>What a box (cajón) costs wholesale.</summary>
    public long WholesaleBoxPrice => WholesaleUnitPrice * UnitsPerBox;

    public override CatalogItem WithId(int id) => this with { Id = id };
}
