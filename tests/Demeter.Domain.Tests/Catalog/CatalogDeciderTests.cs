using Demeter.Domain.Catalog;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Tests.Catalog;

public sealed class CatalogDeciderTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CatalogState Apply(CatalogState state, Decision<ICatalogEvent> decision) =>
        decision.Events.Aggregate(state, CatalogDecider.Evolve);

    private static (CatalogState State, Decision<ICatalogEvent> Decision) Define(CatalogState state, CatalogItem item)
    {
        var decision = CatalogDecider.Decide(state, new DefineCatalogItem(item, "ana", At));
        return (Apply(state, decision), decision);
    }

    private static CatalogState WithFamily()
    {
        var (state, _) = Define(CatalogState.Empty, new ProductCategory(0, "CACTUS", "Cactus", null));
        (state, _) = Define(state, new ProductFamily(0, 1, "Mammillaria", "Mammillaria", null));
        return state;
    }

    [Fact]
    public void A_new_entry_gets_the_next_id_of_its_kind_and_a_product_its_sku()
    {
        var state = WithFamily();
        var (after, decision) = Define(state, new Product(0, 1, string.Empty, "Mammillaria elongata", null, null, []));

        var product = Assert.IsType<Product>(Assert.IsType<CatalogItemDefined>(Assert.Single(decision.Events)).Item);
        Assert.Equal((1, "MAMMILLARIA-001"), (product.Id, product.Sku));
        var (_, second) = Define(after, new Product(0, 1, string.Empty, "Mammillaria bocasana", null, null, []));
        Assert.Equal("MAMMILLARIA-002", ((Product)((CatalogItemDefined)second.Events[0]).Item).Sku);
    }

    [Theory]
    [InlineData("cactus")]
    [InlineData("CA")]
    [InlineData("CACTUS NUEVO")]
    public void A_category_code_is_capitals_digits_and_underscores(string code)
    {
        var (_, decision) = Define(CatalogState.Empty, new ProductCategory(0, code, "Cactus", null));
        Assert.Equal(CatalogDecider.Invalid, decision.Rejection?.Code);
    }

    [Fact]
    public void Codes_names_and_skus_are_held_once_and_references_must_exist()
    {
        var state = WithFamily();
        Assert.Equal(CatalogDecider.Exists, Define(state, new ProductCategory(0, "CACTUS", "Otra", null)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.Exists, Define(state, new ProductFamily(0, 1, "MAMMILLARIA", null, null)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.UnknownReference, Define(state, new ProductFamily(0, 9, "Rebutia", null, null)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.UnknownReference, Define(state, new Product(0, 1, string.Empty, "Mammillaria x", null, null, [4])).Decision.Rejection?.Code);
        Assert.Equal(
            CatalogDecider.UnknownReference,
            Define(state, new PriceEntry(0, "C R8 T-1", 1, 3, 1200, null, 28, 0, null, null)).Decision.Rejection?.Code);
    }

    [Fact]
    public void A_products_sku_never_changes_and_an_unchanged_entry_persists_nothing()
    {
        var (state, _) = Define(WithFamily(), new Product(0, 1, string.Empty, "Mammillaria elongata", null, null, []));

        Assert.Equal(CatalogDecider.Invalid, Define(state, new Product(1, 1, "MAMMILLARIA-999", "Mammillaria elongata", null, null, [])).Decision.Rejection?.Code);
        var (_, same) = Define(state, new Product(1, 1, string.Empty, "Mammillaria elongata", null, null, []));
        Assert.True(same.Accepted);
        Assert.Empty(same.Events);
        var (renamed, rename) = Define(state, new Product(1, 1, string.Empty, "Mammillaria elongata cristata", null, null, []));
        Assert.Single(rename.Events);
        Assert.Equal("MAMMILLARIA-001", renamed.Find<Product>(CatalogKind.Product, 1)!.Sku);
        Assert.Equal(CatalogDecider.NotFound, Define(state, new Product(5, 1, string.Empty, "Mammillaria y", null, null, [])).Decision.Rejection?.Code);
    }

    [Fact]
    public void Prices_are_positive_retail_at_least_wholesale_and_a_discount_a_percentage()
    {
        var (state, _) = Define(WithFamily(), new Packaging(0, "R8T", "Rígida 8 terracota", null, null, null, null, 8, null));
        Assert.True(Define(state, new PriceEntry(0, "C R8 T-1", 1, 1, 1200, 1500, 28, 10, "Mix", "Todo el año")).Decision.Accepted);
        foreach (var bad in new[]
        {
            new PriceEntry(0, "P1", 1, 1, 0, null, 28, 0, null, null),
            new PriceEntry(0, "P2", 1, 1, 1200, 1100, 28, 0, null, null),
            new PriceEntry(0, "P3", 1, 1, 1200, null, 0, 0, null, null),
            new PriceEntry(0, "P4", 1, 1, 1200, null, 28, 101, null, null),
        })
        {
            Assert.Equal(CatalogDecider.Invalid, Define(state, bad).Decision.Rejection?.Code);
        }

        Assert.Equal(33_600, new PriceEntry(1, "C R8 T-1", 1, 1, 1200, null, 28, 0, null, null).WholesaleBoxPrice);
    }

    [Fact]
    public void An_entry_another_refers_to_is_not_removed()
    {
        var state = WithFamily();
        var refused = CatalogDecider.Decide(state, new RemoveCatalogItem(CatalogKind.Category, 1, "ana", At));
        Assert.Equal(CatalogDecider.InUse, refused.Rejection?.Code);

        var removed = CatalogDecider.Decide(state, new RemoveCatalogItem(CatalogKind.Family, 1, "ana", At));
        var after = Apply(state, removed);
        Assert.Null(after.Find<ProductFamily>(CatalogKind.Family, 1));
        Assert.True(CatalogDecider.Decide(after, new RemoveCatalogItem(CatalogKind.Category, 1, "ana", At)).Accepted);
        Assert.Equal(CatalogDecider.NotFound, CatalogDecider.Decide(after, new RemoveCatalogItem(CatalogKind.Family, 1, "ana", At)).Rejection?.Code);
    }

    [Fact]
    public void An_import_resolves_placeholders_in_any_order_and_a_rerun_changes_nothing()
    {
        // The product names a pot that comes after it, as the product list's later lines do.
        CatalogItem[] items =
        [
            new ProductCategory(-1, "CACTUS", "Cactus", null),
            new ProductFamily(-1, -1, "Rebutia", "Rebutia", null),
            new Product(-1, -1, string.Empty, "Rebutia minuscula", null, null, [-1, -2]),
            new Packaging(-1, "R5T", "Rígida 5 terracota", null, null, null, null, 5, null),
            new Packaging(-2, "R8T", "Rígida 8 terracota", null, null, null, null, 8, null),
            new ProductFamily(-2, -9, "Orphan", null, null),
        ];
        var import = new ImportCatalogItems(items, "ana", At);

        var (decision, outcomes) = CatalogDecider.Import(CatalogState.Empty, import);
        var state = Apply(CatalogState.Empty, decision);

        Assert.Equal(
            [CatalogOutcome.Created, CatalogOutcome.Created, CatalogOutcome.Created, CatalogOutcome.Created, CatalogOutcome.Created, CatalogOutcome.Rejected],
            outcomes.Select(o => o.Outcome));
        Assert.Equal([1, 2], state.Find<Product>(CatalogKind.Product, 1)!.PackagingIds);
        var (again, rerun) = CatalogDecider.Import(state, import);
        Assert.Empty(again.Events);
        Assert.All(rerun.Take(5), o => Assert.Equal(CatalogOutcome.Unchanged, o.Outcome));
        Assert.Equal(outcomes.Take(5).Select(o => o.Id), rerun.Take(5).Select(o => o.Id));
    }

    [Fact]
    public void An_imported_product_seen_in_a_new_pot_keeps_its_sku_and_adds_the_pot()
    {
        var first = new ImportCatalogItems(
            [new ProductCategory(-1, "CACTUS", "Cactus", null), new ProductFamily(-1, -1, "Rebutia", null, null),
             new Packaging(-1, "R5T", "R5T", null, null, null, null, 5, null), new Product(-1, -1, string.Empty, "Rebutia minuscula", null, null, [-1])],
            "ana",
            At);
        var state = Apply(CatalogState.Empty, CatalogDecider.Import(CatalogState.Empty, first).Decision);
        var second = new ImportCatalogItems(
            [new ProductCategory(-1, "CACTUS", "Cactus", null), new ProductFamily(-1, -1, "Rebutia", null, null),
             new Packaging(-1, "R8D", "R8D", null, null, null, null, 8, null), new Product(-1, -1, string.Empty, "Rebutia minuscula", null, null, [-1])],
            "ana",
            At);

        var (decision, outcomes) = CatalogDecider.Import(state, second);
        var product = Apply(state, decision).Find<Product>(CatalogKind.Product, 1)!;

        Assert.Equal(CatalogOutcome.Updated, outcomes[3].Outcome);
        Assert.Equal("REBUTIA-001", product.Sku);
        Assert.Equal([1, 2], product.PackagingIds);
    }

    [Fact]
    public void Seeding_adds_the_standard_states_sizes_and_pot_types_once()
    {
        var seeded = CatalogDecider.Decide(CatalogState.Empty, new SeedStandardCatalog("system", At));
        var state = Apply(CatalogState.Empty, seeded);

        Assert.Equal(11, state.Of(CatalogKind.State).Count);
        Assert.Equal(7, state.Of(CatalogKind.Size).Count);
        Assert.True(state.All<ProductState>(CatalogKind.State).Single(s => s.Code == "ADULT").IsSellable);
        Assert.Null(state.All<ProductSize>(CatalogKind.Size).Single(s => s.Code == "XXL").MaxHeightCm);
        Assert.Empty(CatalogDecider.Decide(state, new SeedStandardCatalog("system", At)).Events);
    }
}

public sealed class PriceChangeTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static CatalogState Priced()
    {
        var import = new ImportCatalogItems(
        [
            new ProductCategory(-1, "CACTUS", "Cactus", null),
            new ProductCategory(-2, "SUCULENTAS", "Suculentas", null),
            new Packaging(-1, "R8T", "Rígida 8 terracota", null, null, null, null, 8, null),
            new PriceEntry(-1, "C R8 T-1", -1, -1, 1200, 1500, 28, 0, "Mix", "Todo el año"),
            new PriceEntry(-2, "S R8 T-1", -2, -1, 999, null, 28, 0, null, null),
        ], "ana", At);
        return CatalogDecider.Import(CatalogState.Empty, import).Decision.Events.Aggregate(CatalogState.Empty, CatalogDecider.Evolve);
    }

    private static ChangePrices Change(int? percent = null, int? category = null, bool preview = false, string? availability = null, int? discount = null) =>
        new(new PriceSelection(category, null, null), percent, availability, discount, preview, "ana", At);

    [Fact]
    public void A_percentage_floors_both_prices_of_the_selected_entries()
    {
        var (decision, lines) = CatalogDecider.ChangePricesOf(Priced(), Change(percent: 7, category: 1));

        var after = Assert.Single(lines).After;
        Assert.Equal((1284L, 1605L), (after.WholesaleUnitPrice, after.RetailUnitPrice!.Value));
        Assert.Single(decision.Events);
        var down = CatalogDecider.ChangePricesOf(Priced(), Change(percent: -15)).Lines.Select(l => l.After.WholesaleUnitPrice);
        Assert.Equal([1020L, 849L], down);
    }

    [Fact]
    public void A_preview_shows_the_change_and_persists_nothing()
    {
        var (decision, lines) = CatalogDecider.ChangePricesOf(Priced(), Change(percent: 10, preview: true, availability: "Stock Limitado"));

        Assert.Empty(decision.Events);
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("Stock Limitado", l.After.Availability));
    }

    [Fact]
    public void A_change_that_would_break_a_price_rule_is_refused_whole()
    {
        Assert.Equal(CatalogDecider.Invalid, CatalogDecider.ChangePricesOf(Priced(), Change(percent: -100)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.Invalid, CatalogDecider.ChangePricesOf(Priced(), Change(percent: 0)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.Invalid, CatalogDecider.ChangePricesOf(Priced(), Change(percent: 101)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.Invalid, CatalogDecider.ChangePricesOf(Priced(), Change(discount: 150)).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.Invalid, CatalogDecider.ChangePricesOf(Priced(), Change()).Decision.Rejection?.Code);
        Assert.Equal(CatalogDecider.NotFound, CatalogDecider.ChangePricesOf(Priced(), Change(percent: 5, category: 9)).Decision.Rejection?.Code);
    }
}
