using System.Collections.Immutable;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Catalog;

/// <summary>Every entry of the catalog by kind and id.</summary>
[Manifest("catalog.state.v1")]
public sealed record CatalogState(ImmutableDictionary<CatalogKind, ImmutableSortedDictionary<int, CatalogItem>> Items) : IDemeterMessage
{
    public static readonly CatalogState Empty = new(ImmutableDictionary<CatalogKind, ImmutableSortedDictionary<int, CatalogItem>>.Empty);

    public ImmutableSortedDictionary<int, CatalogItem> Of(CatalogKind kind) => Items.GetValueOrDefault(kind) ?? ImmutableSortedDictionary<int, CatalogItem>.Empty;

    public T? Find<T>(CatalogKind kind, int id)
        where T : CatalogItem => Of(kind).GetValueOrDefault(id) as T;

    public IEnumerable<T> All<T>(CatalogKind kind)
        where T : CatalogItem => Of(kind).Values.OfType<T>();

    public int NextId(CatalogKind kind) => Of(kind).IsEmpty ? 1 : Of(kind).Keys.Max() + 1;

    public CatalogItem? ByNaturalKey(CatalogItem item) => Of(item.Kind).Values.FirstOrDefault(existing => existing.NaturalKey == item.NaturalKey);

    public CatalogState With(CatalogItem item) => new(Items.SetItem(item.Kind, Of(item.Kind).SetItem(item.Id, item)));

    public CatalogState Without(CatalogKind kind, int id) => new(Items.SetItem(kind, Of(kind).Remove(id)));
}
