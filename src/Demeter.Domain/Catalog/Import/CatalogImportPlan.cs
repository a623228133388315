namespace Demeter.Domain.Catalog.Import;

/// <summary>
/// What an import file asks of the catalog: the entries (in the order they must be defined, new ones under
/// negative ids), and for each line of the file the entries it gave rise to, or why it was skipped or refused.
/// </summary>
public sealed class CatalogImportPlan
{
    private readonly Dictionary<(CatalogKind, string), int> _byKey = [];

    public List<CatalogItem> Items { get; } = [];

    public List<PlannedLine> Lines { get; } = [];

    /// <summary>The index of the entry with <paramref name="item"/>'s natural key, adding it (or, for a product, its packaging) if new.</summary>
    public int Add(CatalogItem item)
    {
        if (_byKey.TryGetValue((item.Kind, item.NaturalKey), out var index))
        {
            if (item is Product more && Items[index] is Product known)
            {
                Items[index] = known with { PackagingIds = [.. known.PackagingIds.Union(more.PackagingIds).Order()] };
            }

            return index;
        }

        Items.Add(item);
        _byKey[(item.Kind, item.NaturalKey)] = Items.Count - 1;
        return Items.Count - 1;
    }

    /// <summary>A placeholder id for an entry of this plan: negative, unique per kind, what later entries refer to it by.</summary>
    public int Placeholder(int index) => Items[index].Id;

    public int NextPlaceholder(CatalogKind kind) => -1 - Items.Count(i => i.Kind == kind);
}

/// <summary>One line of an import file: the entries it needs (indexes into the plan), or why it is skipped or refused, and notes.</summary>
public sealed record PlannedLine(int Line, IReadOnlyList<int> Items, string? Skipped, string? Rejected, IReadOnlyList<string> Warnings);
