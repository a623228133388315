using System.Collections.Immutable;
using Akka.Persistence.Journal;
using Demeter.Domain.Catalog;
using Demeter.Domain.Layout;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Persistence;

/// <summary>Tags each domain event with its aggregate kind, so a consumer of one kind can follow it alone.</summary>
public sealed class DomainEventTagger : IWriteEventAdapter
{
    private static readonly ImmutableHashSet<string> Stock = [ProjectionTags.Stock];
    private static readonly ImmutableHashSet<string> StorageLocation = [ProjectionTags.StorageLocation];
    private static readonly ImmutableHashSet<string> Transplant = [ProjectionTags.Transplant];
    private static readonly ImmutableHashSet<string> Photo = [ProjectionTags.Photo];
    private static readonly ImmutableHashSet<string> Layout = [ProjectionTags.Layout];
    private static readonly ImmutableHashSet<string> Catalog = [ProjectionTags.Catalog];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        IStockBatchEvent => new Tagged(evt, Stock),
        IStorageLocationEvent => new Tagged(evt, StorageLocation),
        ITransplantEvent => new Tagged(evt, Transplant),
        IPhotoSessionEvent => new Tagged(evt, Photo),
        ILayoutEvent => new Tagged(evt, Layout),
        ICatalogEvent => new Tagged(evt, Catalog),
        _ => evt,
    };
}
