using System.Globalization;

namespace Demeter.Domain.Catalog.Import;

/// <summary>
/// The wholesale price list (price_list.csv): title lines, then a header (DESCRIPCION, MACETA, Precio unitario,
/// CODIGO, Unid.X Cajón, Total $ x cajón, OBSERVACIONES, DISPONIBILIDAD) whose box-units cell spans two lines, then
/// one price per line in groups separated by blank lines. A line gives its category (DESCRIPCION), its pot
/// (MACETA), and a price entry keyed by its code; the box total is computed (unit × units) and a file total that
/// differs is noted on the line, not taken.
/// </summary>
public static class PriceListImport
{
    public static CatalogImportPlan Plan(IEnumerable<(int Line, IReadOnlyList<string> Cells)> rows)
    {
        var plan = new CatalogImportPlan();
        var header = false;
        foreach (var (line, cells) in rows)
        {
            string Cell(int index) => index < cells.Count ? PotNames.Collapse(cells[index]) : string.Empty;
            if (!header)
            {
                header = PotNames.Plain(Cell(0)) == "DESCRIPCION";
                plan.Lines.Add(new PlannedLine(line, [], header ? "header" : "title", null, []));
                continue;
            }

            if (cells.All(string.IsNullOrWhiteSpace))
            {
                plan.Lines.Add(new PlannedLine(line, [], "blank line", null, []));
                continue;
            }

            var categoryText = Cell(0);
            var potText = Cell(1);
            var sku = Cell(3);
            var problem = categoryText.Length == 0 ? "no category (DESCRIPCION)"
                : potText.Length == 0 ? "no pot (MACETA)"
                : sku.Length == 0 ? "no code (CODIGO)"
                : !PriceText.TryParse(Cell(2), out _, out var priceError) ? $"unit price: {priceError}"
                : !int.TryParse(Cell(4), NumberStyles.None, CultureInfo.InvariantCulture, out var units) || units <= 0 ? $"units per box '{Cell(4)}' is not a positive whole number"
                : null;
            if (problem is not null)
            {
                plan.Lines.Add(new PlannedLine(line, [], null, problem, []));
                continue;
            }

            PriceText.TryParse(Cell(2), out var unitPrice, out _);
            var unitsPerBox = int.Parse(Cell(4), CultureInfo.InvariantCulture);
            var warnings = new List<string>();
            if (PriceText.TryParse(Cell(5), out var fileTotal, out _) && fileTotal != unitPrice * unitsPerBox)
            {
                warnings.Add($"the file's box total {fileTotal} is not {unitPrice} × {unitsPerBox} = {unitPrice * unitsPerBox}; the computed one is kept");
            }

            var items = new List<int>();
            var code = CategoryCode(categoryText);
            var category = plan.Add(new ProductCategory(plan.NextPlaceholder(CatalogKind.Category), code, Title(categoryText), null));
            items.Add(category);
            var packaging = ProductListImport.AddPot(plan, PotNames.FromDescription(potText), items);
            items.Add(plan.Add(new PriceEntry(
                plan.NextPlaceholder(CatalogKind.Price),
                sku,
                plan.Placeholder(category),
                plan.Placeholder(packaging),
                unitPrice,
                null,
                unitsPerBox,
                0,
                NullIfEmpty(Cell(6)),
                NullIfEmpty(Cell(7)))));
            plan.Lines.Add(new PlannedLine(line, items, null, null, warnings));
        }

        return plan;
    }

    /// <summary>"PIEDRA FLUO" → PIEDRA_FLUO, "Suculentas" → SUCULENTAS: capitals, no accents, '_' between words.</summary>
    public static string CategoryCode(string text) =>
        string.Join('_', PotNames.Plain(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => new string([.. w.Where(char.IsAsciiLetterOrDigit)])).Where(w => w.Length > 0));

    private static string Title(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..].ToLowerInvariant();

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
