using System.Data.Common;
using System.Globalization;

namespace Demeter.Cluster.ReadModel;

/// <summary>The API's read side: plain queries over the projected tables, never a question to an actor.</summary>
public sealed class ReadModelQueries(ReadModelDatabase database)
{
    public async Task<StorageLocationView?> StorageLocationAsync(int id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync(
            """
            SELECT l.id, l.label, l.row_number, l.col_number, l.area_m2, l.centroid_lat, l.centroid_lon, l.latest_session_id,
                   a.id, a.label, a.ordinal, a.area_m2, w.id, w.name, w.area_m2
            FROM storage_locations l
            JOIN storage_areas a ON a.id = l.storage_area_id
            JOIN warehouses w ON w.id = l.warehouse_id
            WHERE l.id = @id
            """,
            r => new StorageLocationView(
                r.GetInt32(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetDouble(4), r.GetDouble(5), r.GetDouble(6), r.GetNullableString(7),
                new StorageAreaView(r.GetInt32(8), r.GetString(9), r.GetInt32(10), r.GetDouble(11)),
                new WarehouseView(r.GetInt32(12), r.GetString(13), r.GetDouble(14))),
            ct,
            ("@id", id));
        return rows.FirstOrDefault();
    }

    public async Task<LayoutCounts> LayoutCountsAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync(
            "SELECT (SELECT COUNT(*) FROM warehouses), (SELECT COUNT(*) FROM storage_areas), (SELECT COUNT(*) FROM storage_locations)",
            r => new LayoutCounts(Convert.ToInt32(r.GetValue(0)), Convert.ToInt32(r.GetValue(1)), Convert.ToInt32(r.GetValue(2))),
            ct);
        return rows[0];
    }

    public async Task<IReadOnlyList<StockBatchRow>> StockOfLocationAsync(int storageLocationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QueryAsync(BatchSelect + " WHERE storage_location_id = @id ORDER BY created_at, batch_id", ReadBatch, ct, ("@id", storageLocationId));
    }

    public async Task<StockBatchRow?> StockBatchAsync(Guid batchId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync(BatchSelect + " WHERE batch_id = @id", ReadBatch, ct, ("@id", batchId.ToString()));
        return rows.FirstOrDefault();
    }

    public async Task<IReadOnlyList<StockMovementRow>> MovementsOfBatchAsync(Guid batchId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.QueryAsync(
            """
            SELECT movement_id, movement_type, quantity, quantity_after, session_id, reason, created_at
            FROM stock_movements WHERE batch_id = @id ORDER BY sequence_nr
            """,
            r => new StockMovementRow(
                Guid.Parse(r.GetString(0)), r.GetString(1), r.GetInt32(2), r.GetInt32(3),
                r.GetNullableString(4) is { } s ? Guid.Parse(s) : null, r.GetNullableString(5), Time(r, 6)),
            ct,
            ("@id", batchId.ToString()));
    }

    public async Task<PhotoSessionRow?> PhotoSessionAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync(
            """
            SELECT session_id, status, storage_location_id, blob_id, width_px, height_px, latitude, longitude, detected, estimated, tiles,
                   avg_confidence, decode_ms, inference_ms, pipeline_ms, model_name, model_sha256, error, booked_batch_id,
                   created_at, started_at, finished_at
            FROM photo_sessions WHERE session_id = @id
            """,
            r => new PhotoSessionRow(
                Guid.Parse(r.GetString(0)), r.GetString(1), r.GetNullableInt(2), r.GetString(3), r.GetInt32(4), r.GetInt32(5),
                r.GetNullableDouble(6), r.GetNullableDouble(7), r.GetNullableInt(8), r.GetNullableInt(9), r.GetNullableInt(10),
                r.GetNullableDouble(11), r.GetNullableDouble(12), r.GetNullableDouble(13), r.GetNullableDouble(14),
                r.GetNullableString(15), r.GetNullableString(16), r.GetNullableString(17),
                r.GetNullableString(18) is { } b ? Guid.Parse(b) : null,
                Time(r, 19), r.IsDBNull(20) ? null : Time(r, 20), r.IsDBNull(21) ? null : Time(r, 21)),
            ct,
            ("@id", sessionId.ToString()));
        return rows.FirstOrDefault();
    }

    private const string BatchSelect =
        """
        SELECT batch_id, product_id, storage_location_id, quantity_initial, quantity_current, quantity_empty_containers, created_at, updated_at
        FROM stock_batches
        """;

    private static StockBatchRow ReadBatch(DbDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetNullableInt(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), Time(r, 6), Time(r, 7));

    private static DateTimeOffset Time(DbDataReader r, int ordinal) =>
        DateTimeOffset.Parse(r.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}

public sealed record LayoutCounts(int Warehouses, int StorageAreas, int StorageLocations);
