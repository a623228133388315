namespace Demeter.Domain.Catalog;

/// <summary>
/// The states, sizes, packaging types and materials every nursery of this kind uses, added on a first start so a
/// fresh catalog can take imports and stock at once. Negative ids: the catalog assigns the real ones, and an
/// entry already there (by code) is left as it is.
/// </summary>
public static class StandardCatalog
{
    public static IReadOnlyList<CatalogItem> Items { get; } =
    [
        new ProductState(-1, "SEED", "Seed", false, 10),
        new ProductState(-2, "GERMINATING", "Germinating", false, 20),
        new ProductState(-3, "SEEDLING", "Seedling", false, 30),
        new ProductState(-4, "JUVENILE", "Juvenile", false, 40),
        new ProductState(-5, "ADULT", "Adult", true, 50),
        new ProductState(-6, "FLOWERING", "Flowering", true, 60),
        new ProductState(-7, "FRUITING", "Fruiting", true, 70),
        new ProductState(-8, "DORMANT", "Dormant", true, 80),
        new ProductState(-9, "PROPAGATING", "Propagating", false, 90),
        new ProductState(-10, "DYING", "Dying", false, 100),
        new ProductState(-11, "DEAD", "Dead", false, 110),
        new ProductSize(-1, "XS", "Extra small", 0, 5, 10),
        new ProductSize(-2, "S", "Small", 5, 10, 20),
        new ProductSize(-3, "M", "Medium", 10, 20, 30),
        new ProductSize(-4, "L", "Large", 20, 40, 40),
        new ProductSize(-5, "XL", "Extra large", 40, 80, 50),
        new ProductSize(-6, "XXL", "Extra extra large", 80, null, 60),
        new ProductSize(-7, "CUSTOM", "Custom", null, null, 99),
        new PackagingType(-1, "RIGID", "Rígida"),
        new PackagingType(-2, "FLEXIBLE", "Flexible"),
        new PackagingType(-3, "TERMOFORMADA", "Termoformada"),
        new PackagingType(-4, "SOPLADA", "Soplada"),
        new PackagingMaterial(-1, "PLASTIC", "Plastic"),
        new PackagingMaterial(-2, "BIODEGRADABLE", "Biodegradable"),
    ];
}
