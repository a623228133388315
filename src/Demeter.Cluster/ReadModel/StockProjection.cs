using System.Data.Common;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.ReadModel;

/// <summary>stock_batches and stock_movements; quantities are set from the event's absolute values.</summary>
public static class StockProjection
{
    public static async Task ProjectAsync(DbConnection c, DbTransaction tx, IStockBatchEvent @event, long seq, CancellationToken ct)
    {
        var id = @event.BatchId.ToString();
        switch (@event)
        {
            case BatchCreated e:
                await c.ExecuteAsync(
                    """
                    INSERT INTO stock_batches (batch_id, product_id, storage_location_id, quantity_initial, quantity_current,
                        quantity_empty_containers, created_at, updated_at, last_sequence_nr)
                    VALUES (@id, @product, @location, 0, 0, 0, @at, @at, @seq)
                    ON CONFLICT (batch_id) DO NOTHING
                    """,
                    ct, tx, ("@id", id), ("@product", e.ProductId), ("@location", e.StorageLocationId), ("@at", EventProjector.Iso(e.At)), ("@seq", seq));
                break;
            case MovementRecorded e:
                await c.ExecuteAsync(
                    """
                    INSERT INTO stock_movements (movement_id, batch_id, movement_type, quantity, quantity_after, session_id, reason, created_at, sequence_nr)
                    VALUES (@mid, @id, @type, @q, @after, @session, @reason, @at, @seq)
                    ON CONFLICT (batch_id, movement_id) DO NOTHING
                    """,
                    ct, tx, ("@mid", e.MovementId.ToString()), ("@id", id), ("@type", e.Type.ToCode()), ("@q", e.SignedQuantity),
                    ("@after", e.QuantityAfter), ("@session", e.SessionId?.ToString()), ("@reason", e.Reason), ("@at", EventProjector.Iso(e.At)), ("@seq", seq));
                await c.ExecuteAsync(
                    """
                    UPDATE stock_batches SET
                        quantity_initial = CASE WHEN quantity_initial = 0 AND quantity_current = 0 THEN @after ELSE quantity_initial END,
                        quantity_current = @after, quantity_empty_containers = @empty, updated_at = @at, last_sequence_nr = @seq
                    WHERE batch_id = @id AND last_sequence_nr < @seq
                    """,
                    ct, tx, ("@id", id), ("@after", e.QuantityAfter), ("@empty", e.EmptyContainersAfter), ("@at", EventProjector.Iso(e.At)), ("@seq", seq));
                break;
            case PhotoCountSuperseded e:
                await c.ExecuteAsync(
                    "UPDATE stock_batches SET last_sequence_nr = @seq WHERE batch_id = @id AND last_sequence_nr < @seq",
                    ct, tx, ("@id", id), ("@seq", seq));
                break;
            case PhotoCountConfirmed e:
                await c.ExecuteAsync(
                    "UPDATE stock_batches SET updated_at = @at, last_sequence_nr = @seq WHERE batch_id = @id AND last_sequence_nr < @seq",
                    ct, tx, ("@id", id), ("@at", EventProjector.Iso(e.At)), ("@seq", seq));
                break;
        }
    }
}
