using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>The rules of one stock batch: quantity never below zero, each movement id applied once.</summary>
public static class StockBatchDecider
{
    public static Decision<IStockBatchEvent> Decide(StockBatchState state, IStockBatchCommand command) => command switch
    {
        CreateBatch c => Create(state, c),
        RecordMovement m => Record(state, m),
        RecordPhotoCount p => PhotoCount(state, p),
        GetBatch => Decision<IStockBatchEvent>.AlreadyDone(),
        _ => Decision<IStockBatchEvent>.Reject(StockRejections.UnsupportedMovement, $"Unknown command {command.GetType().Name}."),
    };

    private static Decision<IStockBatchEvent> Create(StockBatchState state, CreateBatch c)
    {
        if (state.AppliedMovements.Contains(c.MovementId))
        {
            return Decision<IStockBatchEvent>.AlreadyDone();
        }

        if (state.Exists)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.AlreadyExists, $"Batch {c.BatchId} already exists.");
        }

        if (c.Quantity <= 0)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.InvalidQuantity, "The initial quantity must be greater than zero.");
        }

        if (c.StorageLocationId <= 0)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.InvalidQuantity, "A batch needs a storage location.");
        }

        return Decision<IStockBatchEvent>.Accept(
            new BatchCreated(c.BatchId, c.ProductId, c.StorageLocationId, c.At),
            new MovementRecorded(c.BatchId, c.MovementId, MovementType.ManualInit, c.Quantity, c.Quantity, 0, null, null, c.At));
    }

    private static Decision<IStockBatchEvent> Record(StockBatchState state, RecordMovement m)
    {
        if (state.AppliedMovements.Contains(m.MovementId))
        {
            return Decision<IStockBatchEvent>.AlreadyDone();
        }

        if (!state.Exists)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.NotFound, $"Batch {m.BatchId} does not exist.");
        }

        int signed;
        switch (m.Type)
        {
            case MovementType.Ajuste when m.Quantity != 0:
                signed = m.Quantity;
                break;
            case MovementType.Plantar or MovementType.Sembrar or MovementType.Muerte or MovementType.Ventas when m.Quantity > 0:
                signed = m.Type.Direction() * m.Quantity;
                break;
            case MovementType.Plantar or MovementType.Sembrar or MovementType.Muerte or MovementType.Ventas or MovementType.Ajuste:
                return Decision<IStockBatchEvent>.Reject(
                    StockRejections.InvalidQuantity,
                    m.Type == MovementType.Ajuste
                        ? "An adjustment must change the quantity (non-zero)."
                        : "The quantity must be greater than zero; the movement type gives the direction.");
            default:
                return Decision<IStockBatchEvent>.Reject(
                    StockRejections.UnsupportedMovement,
                    $"Movement type '{m.Type.ToCode()}' is booked by its own workflow, not as a single movement.");
        }

        var exact = (long)state.Quantity + signed;
        if (exact > int.MaxValue)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.InvalidQuantity, $"The batch cannot hold more than {int.MaxValue} plants.");
        }

        var after = (int)exact;
        if (after < 0)
        {
            return Decision<IStockBatchEvent>.Reject(
                StockRejections.InsufficientStock,
                $"Insufficient stock: the batch holds {state.Quantity}, the movement takes {-signed}.");
        }

        var emptyAfter = state.EmptyContainers + (m.Type == MovementType.Muerte ? -signed : 0);
        return Decision<IStockBatchEvent>.Accept(
            new MovementRecorded(m.BatchId, m.MovementId, m.Type, signed, after, emptyAfter, null, m.Reason, m.At));
    }

    private static Decision<IStockBatchEvent> PhotoCount(StockBatchState state, RecordPhotoCount p)
    {
        if (state.AppliedMovements.Contains(p.MovementId))
        {
            return Decision<IStockBatchEvent>.AlreadyDone();
        }

        if (p.StorageLocationId <= 0)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.InvalidQuantity, "A photo count needs the storage location it was taken in.");
        }

        if (p.CountedQuantity < 0)
        {
            return Decision<IStockBatchEvent>.Reject(StockRejections.InvalidQuantity, "A photo count cannot be negative.");
        }

        if (state.Exists && state.StorageLocationId != p.StorageLocationId)
        {
            return Decision<IStockBatchEvent>.Reject(
                StockRejections.LocationMismatch,
                $"Batch {p.BatchId} lives in storage location {state.StorageLocationId}, not {p.StorageLocationId}.");
        }

        if (state.LastPhotoAt is { } latest && p.At < latest)
        {
            return Decision<IStockBatchEvent>.Accept(new PhotoCountSuperseded(p.BatchId, p.MovementId, p.SessionId, p.CountedQuantity, p.At));
        }

        var events = new List<IStockBatchEvent>();
        if (!state.Exists)
        {
            events.Add(new BatchCreated(p.BatchId, null, p.StorageLocationId, p.At));
        }

        var delta = p.CountedQuantity - state.Quantity;
        events.Add(delta == 0
            ? new PhotoCountConfirmed(p.BatchId, p.MovementId, p.SessionId, p.CountedQuantity, p.At)
            : new MovementRecorded(p.BatchId, p.MovementId, MovementType.Foto, delta, p.CountedQuantity, state.EmptyContainers, p.SessionId, null, p.At));
        return Decision<IStockBatchEvent>.Accept(events);
    }

    public static StockBatchState Evolve(StockBatchState state, IStockBatchEvent @event) => @event switch
    {
        BatchCreated e => state with { Exists = true, ProductId = e.ProductId, StorageLocationId = e.StorageLocationId },
        MovementRecorded e => state with
        {
            Quantity = e.QuantityAfter,
            QuantityInitial = state.AppliedMovements.IsEmpty ? e.QuantityAfter : state.QuantityInitial,
            EmptyContainers = e.EmptyContainersAfter,
            AppliedMovements = state.AppliedMovements.Add(e.MovementId),
            LastPhotoAt = e.Type == MovementType.Foto ? e.At : state.LastPhotoAt,
        },
        PhotoCountConfirmed e => state with
        {
            QuantityInitial = state.AppliedMovements.IsEmpty ? e.Counted : state.QuantityInitial,
            AppliedMovements = state.AppliedMovements.Add(e.MovementId),
            LastPhotoAt = e.At,
        },
        PhotoCountSuperseded e => state with { AppliedMovements = state.AppliedMovements.Add(e.MovementId) },
        _ => state,
    };
}
