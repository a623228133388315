using Demeter.Domain.Messaging;

namespace Demeter.Domain.Catalog;

/// <summary>The catalog's rules: valid fields, references that exist, natural keys and SKUs held once, nothing removed while in use.</summary>
public static class CatalogDecider
{
    public const string Invalid = "invalid-catalog-entry";
    public const string NotFound = "catalog-entry-not-found";
    public const string Exists = "catalog-entry-exists";
    public const string InUse = "catalog-entry-in-use";
    public const string UnknownReference = "unknown-reference";

    /// <summary>An import holds at most this many entries: the catalog is one entity, and one command is one write.</summary>
    public const int MaxImportItems = 20_000;

    public static Decision<ICatalogEvent> Decide(CatalogState state, ICatalogCommand command) => command switch
    {
        DefineCatalogItem c => Define(state, c),
        RemoveCatalogItem c => Remove(state, c),
        ImportCatalogItems c => Import(state, c).Decision,
        SeedStandardCatalog c => Import(state, new ImportCatalogItems(StandardCatalog.Items, c.By, c.At)).Decision,
        ChangePrices c => ChangePricesOf(state, c).Decision,
        _ => Decision<ICatalogEvent>.Reject(Invalid, $"Unknown command {command.GetType().Name}."),
    };

    public static CatalogState Evolve(CatalogState state, ICatalogEvent @event) => @event switch
    {
        CatalogItemDefined e => state.With(e.Item),
        CatalogItemRemoved e => state.Without(e.Kind, e.Id),
        _ => state,
    };

    /// <summary>What an import makes of each entry (with the ids it gets), beside the events it persists.</summary>
    public static (Decision<ICatalogEvent> Decision, IReadOnlyList<CatalogOutcome> Outcomes) Import(CatalogState state, ImportCatalogItems command)
    {
        if (command.Items.Count > MaxImportItems)
        {
            return (Decision<ICatalogEvent>.Reject(Invalid, $"An import holds at most {MaxImportItems} entries."), []);
        }

        var events = new List<ICatalogEvent>();
        var outcomes = new List<CatalogOutcome>();
        var assigned = new Dictionary<(CatalogKind, int), int>();

        // Referenced kinds first (a product may list a pot the file names only further down); stable within a kind.
        foreach (var (item, index) in command.Items.Select((item, index) => (item, index)).OrderBy(x => Rank(x.item.Kind)))
        {
            var placeholder = item.Id < 0 ? item.Id : (int?)null;
            var (resolved, unresolved) = Resolve(item, assigned);
            if (unresolved is not null)
            {
                outcomes.Add(new CatalogOutcome(index, CatalogOutcome.Rejected, null, UnknownReference, unresolved));
                continue;
            }

            var existing = state.ByNaturalKey(resolved);
            CatalogItem candidate;
            string outcome;
            if (existing is not null)
            {
                candidate = Merge(existing, resolved.WithId(existing.Id));
                outcome = candidate == existing ? CatalogOutcome.Unchanged : CatalogOutcome.Updated;
            }
            else
            {
                candidate = Complete(state, resolved.WithId(state.NextId(resolved.Kind)));
                outcome = CatalogOutcome.Created;
            }

            if (outcome != CatalogOutcome.Unchanged && Check(state, candidate) is { } rejection)
            {
                outcomes.Add(new CatalogOutcome(index, CatalogOutcome.Rejected, null, rejection.Code, rejection.Reason));
                continue;
            }

            if (placeholder is { } temporary)
            {
                assigned[(candidate.Kind, temporary)] = candidate.Id;
            }

            if (outcome != CatalogOutcome.Unchanged)
            {
                var defined = new CatalogItemDefined(candidate, command.By, command.At);
                events.Add(defined);
                state = Evolve(state, defined);
            }

            outcomes.Add(new CatalogOutcome(index, outcome, candidate.Id, null, null));
        }

        return (Decision<ICatalogEvent>.Accept(events), [.. outcomes.OrderBy(o => o.Index)]);
    }

    /// <summary>
    /// A price change: the entries it selects with their new form, and the events (none for a preview). Refused whole when
    /// nothing is asked, nothing matches, or any entry would break a price rule (a price cut to zero, say).
    /// </summary>
    public static (Decision<ICatalogEvent> Decision, IReadOnlyList<PriceChangeLine> Lines) ChangePricesOf(CatalogState state, ChangePrices c)
    {
        if (c.Percent is null && c.Availability is null && c.DiscountPercent is null)
        {
            return (Decision<ICatalogEvent>.Reject(Invalid, "Ask for a change: percent, availability or discountPercent."), []);
        }

        if (c.Percent is { } p && (p == 0 || Math.Abs(p) > 100))
        {
            return (Decision<ICatalogEvent>.Reject(Invalid, "percent is a whole number from -100 to 100, not 0."), []);
        }

        var selected = state.All<PriceEntry>(CatalogKind.Price)
            .Where(e => c.Selection.CategoryId is not { } category || e.CategoryId == category)
            .Where(e => c.Selection.PackagingId is not { } packaging || e.PackagingId == packaging)
            .Where(e => c.Selection.Ids is not { } ids || ids.Contains(e.Id))
            .ToList();
        if (selected.Count == 0)
        {
            return (Decision<ICatalogEvent>.Reject(NotFound, "No price entry matches the selection."), []);
        }

        long Scale(long price) => (long)Math.Floor(price * (1 + (c.Percent!.Value / 100m)));
        var lines = selected.Select(e => new PriceChangeLine(e, e with
        {
            WholesaleUnitPrice = c.Percent is null ? e.WholesaleUnitPrice : Scale(e.WholesaleUnitPrice),
            RetailUnitPrice = c.Percent is null || e.RetailUnitPrice is not { } retail ? e.RetailUnitPrice : Scale(retail),
            Availability = c.Availability is { } availability ? (availability.Trim().Length == 0 ? null : availability.Trim()) : e.Availability,
            DiscountPercent = c.DiscountPercent ?? e.DiscountPercent,
        })).ToList();
        foreach (var line in lines)
        {
            if (CatalogRules.FieldError(line.After) is { } error)
            {
                return (Decision<ICatalogEvent>.Reject(Invalid, $"price entry {line.After.Id} ({line.After.Sku}): {error}"), lines);
            }
        }

        var events = c.Preview
            ? []
            : lines.Where(l => l.After != l.Before).Select(l => (ICatalogEvent)new CatalogItemDefined(l.After, c.By, c.At)).ToArray();
        return (events.Length == 0 ? Decision<ICatalogEvent>.AlreadyDone() : Decision<ICatalogEvent>.Accept(events), lines);
    }

    private static int Rank(CatalogKind kind) => kind switch
    {
        CatalogKind.Category or CatalogKind.State or CatalogKind.Size or CatalogKind.PackagingType or CatalogKind.PackagingMaterial or CatalogKind.PackagingColor => 0,
        CatalogKind.Packaging or CatalogKind.Family => 1,
        _ => 2,
    };

    /// <summary>Every rule an entry about to be stored must meet, against the catalog it joins.</summary>
    public static Rejection? Check(CatalogState state, CatalogItem item)
    {
        if (CatalogRules.FieldError(item) is { } fieldError)
        {
            return new Rejection(Invalid, fieldError);
        }

        foreach (var (kind, id) in References(item))
        {
            if (state.Find<CatalogItem>(kind, id) is null)
            {
                return new Rejection(UnknownReference, $"{Describe(kind)} {id} does not exist.");
            }
        }

        var twin = state.Of(item.Kind).Values.FirstOrDefault(other => other.Id != item.Id && other.NaturalKey == item.NaturalKey);
        if (twin is not null)
        {
            return new Rejection(Exists, $"{Describe(item.Kind)} {twin.Id} has the same {KeyName(item.Kind)} already.");
        }

        if (item is Product p && state.All<Product>(CatalogKind.Product).FirstOrDefault(o => o.Id != p.Id && o.Sku == p.Sku) is { } sameSku)
        {
            return new Rejection(Exists, $"product {sameSku.Id} has the SKU {p.Sku} already.");
        }

        return null;
    }

    private static Decision<ICatalogEvent> Define(CatalogState state, DefineCatalogItem command)
    {
        var item = command.Item;
        if (item.Id < 0)
        {
            return Decision<ICatalogEvent>.Reject(Invalid, "ids are assigned by the catalog.");
        }

        CatalogItem candidate;
        if (item.Id == 0)
        {
            candidate = Complete(state, item.WithId(state.NextId(item.Kind)));
        }
        else
        {
            if (state.Find<CatalogItem>(item.Kind, item.Id) is not { } existing)
            {
                return Decision<ICatalogEvent>.Reject(NotFound, $"{Describe(item.Kind)} {item.Id} does not exist.");
            }

            if (item is Product p && existing is Product old && p.Sku.Length > 0 && p.Sku != old.Sku)
            {
                return Decision<ICatalogEvent>.Reject(Invalid, $"A product's SKU never changes (it is {old.Sku}); add a new product instead.");
            }

            candidate = item is Product keep && existing is Product was ? keep with { Sku = was.Sku } : item;
            if (candidate == existing)
            {
                return Decision<ICatalogEvent>.AlreadyDone();
            }
        }

        return Check(state, candidate) is { } rejection
            ? Decision<ICatalogEvent>.Reject(rejection.Code, rejection.Reason)
            : Decision<ICatalogEvent>.Accept(new CatalogItemDefined(candidate, command.By, command.At));
    }

    private static Decision<ICatalogEvent> Remove(CatalogState state, RemoveCatalogItem command)
    {
        if (state.Find<CatalogItem>(command.Kind, command.Id) is null)
        {
            return Decision<ICatalogEvent>.Reject(NotFound, $"{Describe(command.Kind)} {command.Id} does not exist.");
        }

        var user = state.Items.Values.SelectMany(items => items.Values)
            .FirstOrDefault(other => References(other).Contains((command.Kind, command.Id)));
        return user is not null
            ? Decision<ICatalogEvent>.Reject(InUse, $"{Describe(user.Kind)} {user.Id} refers to {Describe(command.Kind)} {command.Id}; change or remove it first.")
            : Decision<ICatalogEvent>.Accept(new CatalogItemRemoved(command.Kind, command.Id, command.By, command.At));
    }

    /// <summary>A new product gets its SKU here when none was given.</summary>
    private static CatalogItem Complete(CatalogState state, CatalogItem item) =>
        item is Product { Sku.Length: 0 } p && state.Find<ProductFamily>(CatalogKind.Family, p.FamilyId) is { } family
            ? p with { Sku = CatalogRules.NextProductSku(family.Name, state.All<Product>(CatalogKind.Product).Select(o => o.Sku)) }
            : item;

    /// <summary>An imported entry over the stored one: a product keeps its SKU and adds the packaging it is newly seen in.</summary>
    private static CatalogItem Merge(CatalogItem existing, CatalogItem imported) =>
        imported is Product p && existing is Product old
            ? p with { Sku = old.Sku, PackagingIds = [.. old.PackagingIds.Union(p.PackagingIds).Order()] }
            : imported;

    private static (CatalogItem Item, string? Unresolved) Resolve(CatalogItem item, Dictionary<(CatalogKind, int), int> assigned)
    {
        string? unresolved = null;
        int Map(CatalogKind kind, int id)
        {
            if (id >= 0)
            {
                return id;
            }

            if (assigned.TryGetValue((kind, id), out var real))
            {
                return real;
            }

            unresolved ??= $"it refers to a {Describe(kind)} of this import that was refused.";
            return id;
        }

        int? MapOptional(CatalogKind kind, int? id) => id is { } value ? Map(kind, value) : null;

        CatalogItem resolved = item switch
        {
            ProductFamily f => f with { CategoryId = Map(CatalogKind.Category, f.CategoryId) },
            Product p => p with { FamilyId = Map(CatalogKind.Family, p.FamilyId), PackagingIds = [.. p.PackagingIds.Select(id => Map(CatalogKind.Packaging, id)).Distinct().Order()] },
            Packaging p => p with
            {
                TypeId = MapOptional(CatalogKind.PackagingType, p.TypeId),
                MaterialId = MapOptional(CatalogKind.PackagingMaterial, p.MaterialId),
                ColorId = MapOptional(CatalogKind.PackagingColor, p.ColorId),
            },
            PriceEntry e => e with { CategoryId = Map(CatalogKind.Category, e.CategoryId), PackagingId = Map(CatalogKind.Packaging, e.PackagingId) },
            _ => item,
        };
        return (resolved, unresolved);
    }

    /// <summary>The entries an entry refers to.</summary>
    public static IEnumerable<(CatalogKind Kind, int Id)> References(CatalogItem item) => item switch
    {
        ProductFamily f => [(CatalogKind.Category, f.CategoryId)],
        Product p => p.PackagingIds.Select(id => (CatalogKind.Packaging, id)).Prepend((CatalogKind.Family, p.FamilyId)),
        Packaging p => new (CatalogKind, int?)[] { (CatalogKind.PackagingType, p.TypeId), (CatalogKind.PackagingMaterial, p.MaterialId), (CatalogKind.PackagingColor, p.ColorId) }
            .Where(r => r.Item2 is not null).Select(r => (r.Item1, r.Item2!.Value)),
        PriceEntry e => [(CatalogKind.Category, e.CategoryId), (CatalogKind.Packaging, e.PackagingId)],
        _ => [],
    };

    public static string Describe(CatalogKind kind) => kind switch
    {
        CatalogKind.Category => "product category",
        CatalogKind.Family => "product family",
        CatalogKind.Product => "product",
        CatalogKind.State => "product state",
        CatalogKind.Size => "product size",
        CatalogKind.PackagingType => "packaging type",
        CatalogKind.PackagingMaterial => "packaging material",
        CatalogKind.PackagingColor => "packaging colour",
        CatalogKind.Packaging => "packaging",
        _ => "price entry",
    };

    private static string KeyName(CatalogKind kind) => kind switch
    {
        CatalogKind.Family => "name in its category",
        CatalogKind.Product => "common name in its family",
        CatalogKind.PackagingColor => "name",
        CatalogKind.Packaging or CatalogKind.Price => "SKU",
        _ => "code",
    };
}
