using Demeter.Domain.Catalog;
using Demeter.Domain.Catalog.Import;

namespace Demeter.Domain.Tests.Catalog;

public sealed class CatalogImportTests
{
    [Theory]
    [InlineData("$950", 950)]
    [InlineData("$1.05", 1050)]
    [InlineData("$1.20", 1200)]
    [InlineData("$12.14", 12140)]
    [InlineData("$ 42.75", 42750)]
    [InlineData("$264.51", 264510)]
    [InlineData("$1.5", 1500)]
    [InlineData("$1.050", 1050)]
    [InlineData("$1.234.567", 1234567)]
    [InlineData("$ 0", 0)]
    public void Price_list_amounts_read_with_dots_between_thousands(string text, long expected)
    {
        Assert.True(PriceText.TryParse(text, out var amount, out _));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("$")]
    [InlineData("$1,05")]
    [InlineData("$1.0500")]
    [InlineData("$1..5")]
    [InlineData("abc")]
    public void Other_cells_are_no_amount(string text) => Assert.False(PriceText.TryParse(text, out _, out _));

    [Theory]
    [InlineData("Rígida 8 cuadrada Gris", "R8G", "RIGID", "gris", 8.0)]
    [InlineData("Rígida cuadrada 5 dorada", "R5D", "RIGID", "dorada", 5.0)]
    [InlineData("Termoformada 11 negra", "T11N", "TERMOFORMADA", "negra", 11.0)]
    [InlineData("Termoformada 15/17 terracota", "T15T", "TERMOFORMADA", "terracota", 15.0)]
    [InlineData("Terrina cerámica 12", "TC12", "TERRINA", null, 12.0)]
    [InlineData("R9 Injertado", "R9", "RIGID", null, 9.0)]
    [InlineData("Madres diferentes macetas", "MADRES-DIFERENTES-MACETAS", null, null, null)]
    public void Pot_descriptions_read_as_the_nurserys_pot_codes(string description, string sku, string? type, string? color, double? size)
    {
        var pot = PotNames.FromDescription(description);
        Assert.Equal((sku, type, color, size), (pot.Sku, pot.TypeCode, pot.ColorName, pot.SizeCm));
    }

    [Theory]
    [InlineData("Soplada 5LTS negra", "S5LN", 5.0)]
    [InlineData("10LTS AM.TERRAC.", "10LT", 10.0)]
    [InlineData("3 LITROS injertado", "3L", 3.0)]
    public void Pots_sold_by_volume_carry_their_liters(string description, string sku, double liters)
    {
        var pot = PotNames.FromDescription(description);
        Assert.Equal((sku, liters), (pot.Sku, pot.VolumeLiters));
    }

    [Fact]
    public void A_product_code_names_the_category_and_the_same_pot_as_the_price_list()
    {
        var (category, pot) = PotNames.FromProductCode("CR8T")!.Value;
        Assert.Equal(('C', "R8T"), (category, pot.Sku));
        Assert.Equal(PotNames.FromDescription("Rígida 8 cuadrada terracota").Sku, pot.Sku);
        Assert.Null(PotNames.FromProductCode("XR8T"));
        Assert.Null(PotNames.FromProductCode("CR8Q"));
    }

    [Fact]
    public void The_product_list_gives_one_product_per_genus_and_species_in_each_of_its_pots()
    {
        var plan = ProductListImport.Plan(
        [
            (1, ["SR5D", "haworthia ", "resendeana"]),
            (2, ["SR8D", "Haworthia", " resendeana "]),
            (3, ["CR8T", "mammillaria ", ""]),
            (4, ["", "", ""]),
            (5, ["ZZ9", "aloe", "vera"]),
            (6, ["SR5V", "", "vera"]),
        ]);

        var products = plan.Items.OfType<Product>().ToList();
        Assert.Equal(["Haworthia resendeana", "Mammillaria"], products.Select(p => p.CommonName));
        Assert.Equal(2, products[0].PackagingIds.Count);
        Assert.Equal(["CACTUS", "SUCULENTAS"], plan.Items.OfType<ProductCategory>().Select(c => c.Code).Order());
        Assert.Equal("blank line", plan.Lines[3].Skipped);
        Assert.Contains("not a product code", plan.Lines[4].Rejected, StringComparison.Ordinal);
        Assert.Contains("no genus", plan.Lines[5].Rejected, StringComparison.Ordinal);
    }

    [Fact]
    public void The_price_list_skips_titles_and_blanks_refuses_lines_without_a_price_and_notes_a_box_total_that_does_not_add_up()
    {
        var plan = PriceListImport.Plan(
        [
            (1, ["LISTA PRECIOS CULTIVO MAYORISTA al 1_9_2025", "", ""]),
            (2, ["DESCRIPCION", "MACETA", "Precio unitario", "CODIGO", "Unid.X\nCajón", "Total $ x cajón", "OBSERVACIONES", "DISPONIBILIDAD"]),
            (4, ["CACTUS", "Rígida cuadrada 5 dorada", "$1.05", "C R5 D-2", "45", "$ 47.25", "Mix", "Todo el año"]),
            (5, ["CACTUS", "Rígida 8 cuadrada dorada", "$1.50", "C R8 D -2", "28", "$ 41.99", "Mix", "Todo el año"]),
            (6, ["", "", "", "", "", "", "", ""]),
            (7, ["CACTUS", "R8 Injertado", "", "IR8-1.0-Hmix", "", "$ 48.27", "Mix injertados 1 x cajón", "OFERTA 20% DTO"]),
            (8, ["PIEDRA FLUO", "x 10 kg pack individual x 1 kg", "$2.05", "PF10", "10", "$ 20.50", "", "Todo el año"]),
        ]);

        var prices = plan.Items.OfType<PriceEntry>().ToList();
        Assert.Equal([("C R5 D-2", 1050L, 45), ("C R8 D -2", 1500L, 28), ("PF10", 2050L, 10)], prices.Select(p => (p.Sku, p.WholesaleUnitPrice, p.UnitsPerBox)));
        Assert.Equal(["title", "header"], plan.Lines.Take(2).Select(l => l.Skipped));
        Assert.Empty(plan.Lines[2].Warnings);
        Assert.Contains("41990", Assert.Single(plan.Lines[3].Warnings), StringComparison.Ordinal);
        Assert.Equal("blank line", plan.Lines[4].Skipped);
        Assert.Contains("unit price", plan.Lines[5].Rejected, StringComparison.Ordinal);
        Assert.Contains(plan.Items.OfType<ProductCategory>(), c => c.Code == "PIEDRA_FLUO");
    }
}
