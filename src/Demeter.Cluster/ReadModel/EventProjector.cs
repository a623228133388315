using System.Data.Common;
using Demeter.Domain.Layout;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Cluster.ReadModel;

/// <summary>Routes one journal event to the read-model writes of its aggregate kind.</summary>
public static class EventProjector
{
    public static Task ProjectAsync(DbConnection c, DbTransaction tx, object @event, long sequenceNr, CancellationToken ct) => @event switch
    {
        IStockBatchEvent e => StockProjection.ProjectAsync(c, tx, e, sequenceNr, ct),
        IPhotoSessionEvent e => PhotoSessionProjection.ProjectAsync(c, tx, e, sequenceNr, ct),
        ILayoutEvent e => LayoutProjection.ProjectAsync(c, tx, e, ct),
        IStorageBinEvent e => StorageBinProjection.ProjectAsync(c, tx, e, sequenceNr, ct),
        _ => Task.CompletedTask,
    };

    internal static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O");
}
