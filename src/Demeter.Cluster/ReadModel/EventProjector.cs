using System.Data.Common;
using Demeter.Domain.Catalog;
using Demeter.Domain.Layout;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Transplants;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.ReadModel;

/// <summary>One journal event and where it goes in the read model, inside the projector's transaction.</summary>
/// <remarks><c>Blobs</c>: where the photo path keeps what is too large for an event (a count's detections); null in projections that need none.</remarks>
public sealed record ProjectionContext(DbConnection Connection, DbTransaction Transaction, long SequenceNr, CancellationToken Ct, Photos.BlobStore? Blobs = null);

/// <summary>Routes one journal event to the read-model writes of its aggregate kind (stock movements are collected and written at the end).</summary>
public static class EventProjector
{
    public static Task ProjectAsync(ProjectionContext context, object @event, StockBatchProjection stock) => @event switch
    {
        IStockBatchEvent e => stock.ProjectAsync(context, e),
        IStorageLocationEvent e => StorageLocationProjection.ProjectAsync(context, e),
        ITransplantEvent e => TransplantProjection.ProjectAsync(context, e),
        IPhotoSessionEvent e => PhotoSessionProjection.ProjectAsync(context, e),
        ILayoutEvent e => LayoutProjection.ProjectAsync(context, e),
        ICatalogEvent e => CatalogProjection.ProjectAsync(context, e),
        _ => Task.CompletedTask,
    };
}
