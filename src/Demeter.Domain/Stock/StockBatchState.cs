using System.Collections.Immutable;
using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>The current state of one batch; also its snapshot.</summary>
[Manifest("stock.batch-state.v1")]
public sealed record StockBatchState(
    Guid BatchId,
    bool Exists,
    int? ProductId,
    int StorageLocationId,
    int QuantityInitial,
    int Quantity,
    int EmptyContainers,
    ImmutableHashSet<Guid> AppliedMovements,
    DateTimeOffset? LastPhotoAt = null) : IDemeterMessage
{
    public static StockBatchState Empty(Guid batchId) =>
        new(batchId, false, null, 0, 0, 0, 0, ImmutableHashSet<Guid>.Empty);
}
