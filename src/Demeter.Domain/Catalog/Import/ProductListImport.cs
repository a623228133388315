namespace Demeter.Domain.Catalog.Import;

/// <summary>
/// The product list (product_categories.csv): no header, one product per line as <c>pot code, genus, species</c>,
/// with stray spaces. The code's first letter is the category (C cactus, S succulents), the rest the pot (R5D: rigid
/// 5, gold). A line gives a category, a pot (its type and colour), a family (the genus, capitalised) and a product
/// "Genus species" (the name the sowing ledger books by) offered in that pot; a product on several lines is one
/// product in several pots.
/// </summary>
public static class ProductListImport
{
    private static readonly Dictionary<char, (string Code, string Name)> Categories = new()
    {
        ['C'] = ("CACTUS", "Cactus"),
        ['S'] = ("SUCULENTAS", "Suculentas"),
    };

    public static CatalogImportPlan Plan(IEnumerable<(int Line, IReadOnlyList<string> Cells)> rows)
    {
        var plan = new CatalogImportPlan();
        foreach (var (line, cells) in rows)
        {
            var code = Cell(cells, 0);
            var genus = PotNames.Collapse(Cell(cells, 1));
            var species = PotNames.Collapse(Cell(cells, 2));
            if (code.Length == 0 && genus.Length == 0 && species.Length == 0)
            {
                plan.Lines.Add(new PlannedLine(line, [], "blank line", null, []));
                continue;
            }

            if (PotNames.FromProductCode(code) is not { } parsed || !Categories.TryGetValue(parsed.Category, out var category))
            {
                plan.Lines.Add(new PlannedLine(line, [], null, $"'{code}' is not a product code (C or S, then a pot such as R5D)", []));
                continue;
            }

            if (genus.Length == 0)
            {
                plan.Lines.Add(new PlannedLine(line, [], null, "no genus: the line names no product", []));
                continue;
            }

            var family = char.ToUpperInvariant(genus[0]) + genus[1..].ToLowerInvariant();
            var items = new List<int>();
            var categoryIndex = plan.Add(new ProductCategory(plan.NextPlaceholder(CatalogKind.Category), category.Code, category.Name, null));
            items.Add(categoryIndex);
            var packagingIndex = AddPot(plan, parsed.Pot, items);
            var familyIndex = plan.Add(new ProductFamily(plan.NextPlaceholder(CatalogKind.Family), plan.Placeholder(categoryIndex), family, family, null));
            items.Add(familyIndex);
            var name = species.Length > 0 ? $"{family} {species.ToLowerInvariant()}" : family;
            items.Add(plan.Add(new Product(plan.NextPlaceholder(CatalogKind.Product), plan.Placeholder(familyIndex), string.Empty, name, null, null, [plan.Placeholder(packagingIndex)])));
            plan.Lines.Add(new PlannedLine(line, items, null, null, []));
        }

        return plan;
    }

    /// <summary>Adds a pot with its type, material and colour; returns the pot's index.</summary>
    public static int AddPot(CatalogImportPlan plan, PotNames.Pot pot, List<int> items)
    {
        int? Reference(CatalogItem? item)
        {
            if (item is null)
            {
                return null;
            }

            var index = plan.Add(item);
            items.Add(index);
            return plan.Placeholder(index);
        }

        var type = Reference(pot.TypeCode is null ? null : new PackagingType(plan.NextPlaceholder(CatalogKind.PackagingType), pot.TypeCode, pot.TypeName!));
        var material = Reference(pot.MaterialCode is null ? null : new PackagingMaterial(plan.NextPlaceholder(CatalogKind.PackagingMaterial), pot.MaterialCode, pot.MaterialCode[0] + pot.MaterialCode[1..].ToLowerInvariant()));
        var color = Reference(pot.ColorName is null ? null : new PackagingColor(plan.NextPlaceholder(CatalogKind.PackagingColor), pot.ColorName, PotNames.HexOf(pot.ColorName)));
        var packaging = plan.Add(new Packaging(plan.NextPlaceholder(CatalogKind.Packaging), pot.Sku, pot.Name, type, material, color, pot.VolumeLiters, pot.SizeCm, null));
        items.Add(packaging);
        return packaging;
    }

    private static string Cell(IReadOnlyList<string> cells, int index) => index < cells.Count ? cells[index].Trim() : string.Empty;
}
