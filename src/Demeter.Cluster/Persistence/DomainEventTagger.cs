using System.Collections.Immutable;
using Akka.Persistence.Journal;
using Demeter.Domain.Layout;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Cluster.Persistence;

/// <summary>Tags each domain event with its aggregate kind so one projection stream per kind can follow it.</summary>
public sealed class DomainEventTagger : IWriteEventAdapter
{
    private static readonly ImmutableHashSet<string> Stock = [ProjectionTags.Stock];
    private static readonly ImmutableHashSet<string> Photo = [ProjectionTags.Photo];
    private static readonly ImmutableHashSet<string> Layout = [ProjectionTags.Layout];
    private static readonly ImmutableHashSet<string> Bin = [ProjectionTags.Bin];

    public string Manifest(object evt) => string.Empty;

    public object ToJournal(object evt) => evt switch
    {
        IStockBatchEvent => new Tagged(evt, Stock),
        IPhotoSessionEvent => new Tagged(evt, Photo),
        ILayoutEvent => new Tagged(evt, Layout),
        IStorageBinEvent => new Tagged(evt, Bin),
        _ => evt,
    };
}
