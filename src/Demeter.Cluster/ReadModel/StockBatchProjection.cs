using System.Data;
using System.Data.Common;
using System.Text;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// stock_batches and stock_movements. Movements are the read model's hottest rows, so a projector batch
/// collects them and writes them at its end: one multi-row insert per 200 movements, and one update per batch
/// touched with its final values (the events carry absolute quantities, so only the last one of a batch
/// matters). Movements are keyed by (batch, sequence number); a batch row changes only for a newer sequence
/// number. Everything is written in the projector's transaction, with its offset.
/// </summary>
public sealed class StockBatchProjection
{
    private const int RowsPerInsert = 200;
    private readonly List<(long Seq, MovementRecorded Event)> _movements = [];
    private readonly Dictionary<Guid, BatchChange> _changes = [];

    public async Task ProjectAsync(ProjectionContext c, IStockBatchEvent @event)
    {
        switch (@event)
        {
            case BatchOpened e:
                // Written at once: the movements' insert reads the batch's claro, product and pot from this row.
                var key = e.Identity.Key;
                await c.ExecAsync(
                    """
                    INSERT INTO stock_batches (batch_id, code, storage_location_id, bin_id, product_id, product_name, product_state_id, product_size_id,
                        packaging_id, status, quantity_initial, quantity_current, quantity_empty_containers, movement_count, verified_at, created_at, updated_at,
                        last_sequence_nr)
                    VALUES (@BatchId, @Code, @StorageLocationId, @BinId, @ProductId, @ProductName, @ProductStateId, @ProductSizeId,
                        @PackagingId, 'depleted', 0, 0, 0, 0, NULL, @At, @At, @Seq)
                    ON CONFLICT (batch_id) DO NOTHING
                    """,
                    new
                    {
                        e.BatchId,
                        e.Identity.Code,
                        key.StorageLocationId,
                        key.BinId,
                        key.ProductId,
                        key.ProductName,
                        key.ProductStateId,
                        key.ProductSizeId,
                        key.PackagingId,
                        At = e.At.ToUniversalTime(),
                        Seq = c.SequenceNr,
                    });
                break;
            case MovementRecorded e:
                _movements.Add((c.SequenceNr, e));
                Change(e.BatchId, c.SequenceNr, e.At, b =>
                {
                    b.FirstQuantityAfter ??= e.QuantityAfter;
                    b.Movements++;
                    b.Quantity = e.QuantityAfter;
                    b.Empty = e.EmptyContainersAfter;
                    b.Status = b.Status == "archived" ? b.Status : e.QuantityAfter > 0 ? "active" : "depleted";
                });
                break;
            case BatchCounted e:
                Change(e.BatchId, c.SequenceNr, e.At, b => b.VerifiedAt = e.At);
                break;
            case BatchArchived e:
                Change(e.BatchId, c.SequenceNr, e.At, b => b.Status = "archived");
                break;
        }
    }

    /// <summary>Writes what the batch collected; called once, at the end of the projector's transaction.</summary>
    public async Task FlushAsync(ProjectionContext c)
    {
        foreach (var chunk in _movements.Chunk(RowsPerInsert))
        {
            await InsertMovementsAsync(c, chunk);
        }

        foreach (var (batchId, b) in _changes)
        {
            await c.ExecAsync(
                """
                UPDATE stock_batches SET
                    quantity_initial = CASE WHEN movement_count = 0 AND @FirstAfter IS NOT NULL THEN @FirstAfter ELSE quantity_initial END,
                    movement_count = movement_count + @Movements,
                    quantity_current = COALESCE(@Quantity, quantity_current),
                    quantity_empty_containers = COALESCE(@Empty, quantity_empty_containers),
                    status = COALESCE(@Status, status),
                    verified_at = COALESCE(@VerifiedAt, verified_at),
                    updated_at = CASE WHEN updated_at < @UpdatedAt THEN @UpdatedAt ELSE updated_at END,
                    last_sequence_nr = @Seq
                WHERE batch_id = @BatchId AND last_sequence_nr < @Seq
                """,
                new
                {
                    BatchId = batchId,
                    FirstAfter = b.FirstQuantityAfter,
                    b.Movements,
                    b.Quantity,
                    b.Empty,
                    b.Status,
                    VerifiedAt = b.VerifiedAt?.ToUniversalTime(),
                    UpdatedAt = b.UpdatedAt.ToUniversalTime(),
                    b.Seq,
                });
        }

        _movements.Clear();
        _changes.Clear();
    }

    private void Change(Guid batchId, long seq, DateTimeOffset at, Action<BatchChange> change)
    {
        if (!_changes.TryGetValue(batchId, out var b))
        {
            _changes[batchId] = b = new BatchChange { UpdatedAt = at };
        }

        b.Seq = Math.Max(b.Seq, seq);
        b.UpdatedAt = b.UpdatedAt > at ? b.UpdatedAt : at;
        change(b);
    }

    private static async Task InsertMovementsAsync(ProjectionContext c, IReadOnlyList<(long Seq, MovementRecorded Event)> rows)
    {
        await using var command = c.Connection.CreateCommand();
        command.Transaction = c.Transaction;
        var sql = new StringBuilder(
            """
            INSERT INTO stock_movements (batch_id, sequence_nr, movement_id, storage_location_id, product_id, packaging_id, movement_type, is_inbound,
                quantity, quantity_after, source, user_name, reason, notes, unit_price, total_price, session_id, transplant_id, needs_review, occurred_at)
            SELECT b.batch_id, v.column2, v.column3, b.storage_location_id, b.product_id, b.packaging_id, v.column4, v.column5,
                v.column6, v.column7, v.column8, v.column9, v.column10, v.column11, v.column12, v.column13, v.column14, v.column15, v.column16, v.column17
            FROM (VALUES
            """);
        for (var i = 0; i < rows.Count; i++)
        {
            var (seq, e) = rows[i];
            sql.Append(i == 0 ? "\n(" : ",\n(");
            object?[] values =
            [
                e.BatchId, seq, e.MovementId, e.Type.ToCode(), e.SignedQuantity > 0, e.SignedQuantity, e.QuantityAfter, e.Details.Source.ToCode(),
                e.Details.User, e.Details.Reason, e.Details.Notes, e.Details.UnitPrice, e.TotalPrice, e.Details.SessionId, e.Details.TransplantId,
                e.Details.NeedsReview, e.At.ToUniversalTime(),
            ];
            DbType[] types =
            [
                DbType.Guid, DbType.Int64, DbType.Guid, DbType.String, DbType.Boolean, DbType.Int32, DbType.Int32, DbType.String, DbType.String,
                DbType.String, DbType.String, DbType.Decimal, DbType.Decimal, DbType.Guid, DbType.Guid, DbType.Boolean, DbType.DateTimeOffset,
            ];
            for (var v = 0; v < values.Length; v++)
            {
                var name = $"@p{i}_{v}";
                sql.Append(v == 0 ? name : ", " + name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.DbType = types[v];
                parameter.Value = values[v] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(
            """

            ) AS v
            JOIN stock_batches b ON b.batch_id = v.column1
            WHERE true
            ON CONFLICT (batch_id, sequence_nr) DO NOTHING
            """);
        command.CommandText = sql.ToString();
        await command.ExecuteNonQueryAsync(c.Ct);
    }

    private sealed class BatchChange
    {
        public long Seq { get; set; }

        public int? FirstQuantityAfter { get; set; }

        public int Movements { get; set; }

        public int? Quantity { get; set; }

        public int? Empty { get; set; }

        public string? Status { get; set; }

        public DateTimeOffset? VerifiedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }
}
