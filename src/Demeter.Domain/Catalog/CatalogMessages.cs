using Demeter.Domain.Messaging;

namespace Demeter.Domain.Catalog;

public interface ICatalogCommand : IDemeterMessage;

/// <summary>Adds an entry (Id 0: the catalog assigns one) or replaces entry <c>Id</c> of its kind.</summary>
[Manifest("catalog.define.v1")]
public sealed record DefineCatalogItem(CatalogItem Item, string By, DateTimeOffset At) : ICatalogCommand;

/// <summary>Removes an entry nothing else in the catalog refers to.</summary>
[Manifest("catalog.remove.v1")]
public sealed record RemoveCatalogItem(CatalogKind Kind, int Id, string By, DateTimeOffset At) : ICatalogCommand;

/// <summary>
/// Defines many entries at once, each found again by its natural key (a re-run changes nothing). Entries not in
/// the catalog yet carry negative ids, which later entries of the same import use to refer to them; the catalog
/// replaces them by the ids it assigns. An entry that is refused takes the entries referring to it along.
/// </summary>
[Manifest("catalog.import.v1")]
public sealed record ImportCatalogItems(IReadOnlyList<CatalogItem> Items, string By, DateTimeOffset At) : ICatalogCommand;

/// <summary>Adds the standard product states and sizes that are missing (idempotent).</summary>
[Manifest("catalog.seed.v1")]
public sealed record SeedStandardCatalog(string By, DateTimeOffset At) : ICatalogCommand;

public interface ICatalogEvent : IDomainEvent;

/// <summary>An entry as it now is, whole (added or replaced).</summary>
[Manifest("catalog.item-defined.v1")]
public sealed record CatalogItemDefined(CatalogItem Item, string By, DateTimeOffset At) : ICatalogEvent;

[Manifest("catalog.item-removed.v1")]
public sealed record CatalogItemRemoved(CatalogKind Kind, int Id, string By, DateTimeOffset At) : ICatalogEvent;

/// <summary>What became of one entry of a command: created, updated, unchanged or rejected (with why), and its id.</summary>
public sealed record CatalogOutcome(int Index, string Outcome, int? Id, string? Code, string? Reason)
{
    public const string Created = "created";
    public const string Updated = "updated";
    public const string Unchanged = "unchanged";
    public const string Rejected = "rejected";
}

/// <summary>The answer to a catalog command: the entry as stored (define) and one outcome per entry (import).</summary>
[Manifest("catalog.reply.v1")]
public sealed record CatalogReply(bool Accepted, string? RejectionCode, string? RejectionReason, CatalogItem? Item, IReadOnlyList<CatalogOutcome> Outcomes) : IDemeterMessage
{
    /// <summary>What a price change did (or, previewed, would do) to each entry it selected.</summary>
    public IReadOnlyList<PriceChangeLine> PriceChanges { get; init; } = [];
}

/// <summary>Which price entries a change is about: those of a category, of a packaging, and/or with these ids (all that match).</summary>
public sealed record PriceSelection(int? CategoryId, int? PackagingId, IReadOnlyList<int>? Ids);

/// <summary>
/// A change to many prices at once, all or none: every wholesale and retail price by <c>Percent</c> (new = floor(old ×
/// (1 + p/100)), |p| ≤ 100, p ≠ 0), and/or a new availability, and/or a new discount. <c>Preview</c> decides it
/// and persists nothing, so a person sees before and after first.
/// </summary>
[Manifest("catalog.change-prices.v1")]
public sealed record ChangePrices(PriceSelection Selection, int? Percent, string? Availability, int? DiscountPercent, bool Preview, string By, DateTimeOffset At) : ICatalogCommand;

/// <summary>One price entry as it was and as the change makes it.</summary>
public sealed record PriceChangeLine(PriceEntry Before, PriceEntry After);
