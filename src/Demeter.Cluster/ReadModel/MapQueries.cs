using Dapper;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// The map's views, each one round trip to the database however many places it shows: the warehouses with their
/// totals; one warehouse's storage areas and claros with each claro's stock and latest two completed counts; a
/// claro's periods between counts with the movements of each.
/// </summary>
public sealed class MapQueries(ReadModelDatabase database)
{
    private const string Attention = "'Failed', 'NeedsLocation', 'NeedsConfig'";

    public async Task<IReadOnlyList<WarehouseMapRow>> WarehousesAsync(CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<WarehouseMapRow>(new CommandDefinition(
            $"""
            WITH claros AS (SELECT warehouse_id, COUNT(*) AS n FROM storage_locations WHERE kind = 'claro' GROUP BY warehouse_id),
                 areas AS (SELECT warehouse_id, COUNT(*) AS n FROM storage_areas GROUP BY warehouse_id),
                 stock AS (
                     SELECT l.warehouse_id, SUM(b.quantity_current) AS plants, COUNT(*) AS batches
                     FROM stock_batches b JOIN storage_locations l ON l.id = b.storage_location_id
                     WHERE b.quantity_current > 0 GROUP BY l.warehouse_id),
                 photos AS (
                     SELECT l.warehouse_id,
                            MAX(CASE WHEN p.status = 'Completed' THEN p.captured_at END) AS last_photo_at,
                            SUM(CASE WHEN p.status IN ({Attention}) THEN 1 ELSE 0 END) AS attention
                     FROM photo_sessions p JOIN storage_locations l ON l.id = p.storage_location_id
                     WHERE p.deleted_at IS NULL GROUP BY l.warehouse_id)
            SELECT w.id, w.name, w.code, w.area_m2, w.centroid_lat, w.centroid_lon, w.geometry,
                   COALESCE(areas.n, 0) AS storage_areas, COALESCE(claros.n, 0) AS storage_locations,
                   COALESCE(stock.plants, 0) AS plants, COALESCE(stock.batches, 0) AS batches,
                   photos.last_photo_at, COALESCE(photos.attention, 0) AS sessions_needing_attention
            FROM warehouses w
            LEFT JOIN claros ON claros.warehouse_id = w.id
            LEFT JOIN areas ON areas.warehouse_id = w.id
            LEFT JOIN stock ON stock.warehouse_id = w.id
            LEFT JOIN photos ON photos.warehouse_id = w.id
            ORDER BY w.id
            """,
            cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>A warehouse's storage areas and claros (null: no such warehouse), in one round trip.</summary>
    public async Task<(IReadOnlyList<StorageAreaMapRow> Areas, IReadOnlyList<ClaroMapRow> Claros)?> WarehouseAsync(int warehouseId, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT id, label, code, ordinal, area_m2, centroid_lat, centroid_lon, geometry FROM storage_areas WHERE warehouse_id = @warehouseId ORDER BY ordinal, id;
            {ClarosSql("l.warehouse_id = @warehouseId")}
            """,
            new { warehouseId },
            cancellationToken: ct));
        var areas = (await grid.ReadAsync<StorageAreaMapRow>()).ToList();
        var claros = (await grid.ReadAsync<ClaroMapRow>()).ToList();
        return areas.Count == 0 && claros.Count == 0 ? null : (areas, claros);
    }

    /// <summary>
    /// A claro's periods, newest first: each completed count closes one that began at the count before it (the first
    /// one began with the claro's ledger); the movements booked in it (by time) are summed by kind, so the initial
    /// quantity plus what was booked, against the final count, shows what went unbooked (sales, mostly).
    /// </summary>
    /// <remarks>Null when there is no such storage location; its existence is asked in the same round trip.</remarks>
    public async Task<(IReadOnlyList<ClaroPeriodRow> Periods, long Total)?> TimelineAsync(int id, int offset, int limit, CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(
            """
            SELECT COUNT(*) FROM storage_locations WHERE id = @id;
            WITH counts AS (
                SELECT session_id, captured_at, COALESCE(detected, 0) + COALESCE(estimated, 0) AS total,
                       LAG(captured_at) OVER (ORDER BY captured_at, session_id) AS period_start,
                       LAG(COALESCE(detected, 0) + COALESCE(estimated, 0)) OVER (ORDER BY captured_at, session_id) AS initial_total,
                       COUNT(*) OVER () AS periods
                FROM photo_sessions
                WHERE storage_location_id = @id AND status = 'Completed' AND deleted_at IS NULL),
            page AS (SELECT * FROM counts ORDER BY captured_at DESC, session_id LIMIT @limit OFFSET @offset)
            SELECT p.session_id, p.period_start, p.captured_at AS period_end, p.initial_total, p.total AS final_total, p.periods,
                   COALESCE(SUM(CASE WHEN m.movement_type IN ('plantar', 'sembrar') THEN m.quantity END), 0) AS planted,
                   COALESCE(-SUM(CASE WHEN m.movement_type = 'muerte' THEN m.quantity END), 0) AS deaths,
                   COALESCE(SUM(CASE WHEN m.movement_type = 'transplante' AND m.quantity > 0 THEN m.quantity END), 0) AS transplanted_in,
                   COALESCE(-SUM(CASE WHEN m.movement_type = 'transplante' AND m.quantity < 0 THEN m.quantity END), 0) AS transplanted_out,
                   COALESCE(-SUM(CASE WHEN m.movement_type = 'ventas' THEN m.quantity END), 0) AS sold,
                   COALESCE(SUM(CASE WHEN m.movement_type = 'ajuste' THEN m.quantity END), 0) AS adjusted
            FROM page p
            LEFT JOIN stock_movements m ON m.storage_location_id = @id AND m.occurred_at < p.captured_at
                 AND (p.period_start IS NULL OR m.occurred_at >= p.period_start)
            GROUP BY p.session_id, p.period_start, p.captured_at, p.initial_total, p.total, p.periods
            ORDER BY p.captured_at DESC, p.session_id
            """,
            new { id, limit, offset },
            cancellationToken: ct));
        if (await grid.ReadSingleAsync<long>() == 0)
        {
            return null;
        }

        var rows = (await grid.ReadAsync<ClaroPeriodRow>()).ToList();
        return (rows, rows.Count == 0 ? 0 : rows[0].Periods);
    }

    // Stock of the claros, and their latest two completed counts by capture time (not deleted), joined on the claros.
    internal static string ClarosSql(string where) =>
        $"""
        WITH claro AS (SELECT * FROM storage_locations l WHERE l.kind = 'claro' AND {where}),
             ranked AS (
                 SELECT p.storage_location_id, p.session_id, p.captured_at, COALESCE(p.detected, 0) + COALESCE(p.estimated, 0) AS total,
                        p.confidence, p.pipeline_ms, p.attempt, p.validated_total,
                        ROW_NUMBER() OVER (PARTITION BY p.storage_location_id ORDER BY p.captured_at DESC, p.session_id) AS rn
                 FROM photo_sessions p JOIN claro l ON l.id = p.storage_location_id
                 WHERE p.status = 'Completed' AND p.deleted_at IS NULL),
             stock AS (
                 SELECT b.storage_location_id, SUM(b.quantity_current) AS plants, COUNT(*) AS batches
                 FROM stock_batches b JOIN claro l ON l.id = b.storage_location_id
                 WHERE b.quantity_current > 0 GROUP BY b.storage_location_id)
        SELECT l.id, l.code, l.label, l.row_number, l.col_number, l.area_m2, l.centroid_lat, l.centroid_lon, l.geometry,
               l.storage_area_id, l.warehouse_id,
               COALESCE(s.plants, 0) AS plants, COALESCE(s.batches, 0) AS batches,
               r1.session_id AS latest_session_id, r1.captured_at AS latest_captured_at, r1.total AS latest_total,
               r1.confidence AS latest_confidence, r1.pipeline_ms AS latest_pipeline_ms, r1.attempt AS latest_attempt,
               r1.validated_total AS latest_validated_total, r2.total AS previous_total
        FROM claro l
        LEFT JOIN stock s ON s.storage_location_id = l.id
        LEFT JOIN ranked r1 ON r1.storage_location_id = l.id AND r1.rn = 1
        LEFT JOIN ranked r2 ON r2.storage_location_id = l.id AND r2.rn = 2
        ORDER BY l.id
        """;
}

public sealed class WarehouseMapRow
{
    public int Id { get; init; }

    public string Name { get; init; } = "";

    public string Code { get; init; } = "";

    public double AreaM2 { get; init; }

    public double CentroidLat { get; init; }

    public double CentroidLon { get; init; }

    public string Geometry { get; init; } = "";

    public long StorageAreas { get; init; }

    public long StorageLocations { get; init; }

    public long Plants { get; init; }

    public long Batches { get; init; }

    public DateTimeOffset? LastPhotoAt { get; init; }

    public long SessionsNeedingAttention { get; init; }
}

public sealed class StorageAreaMapRow
{
    public int Id { get; init; }

    public string Label { get; init; } = "";

    public string Code { get; init; } = "";

    public int Ordinal { get; init; }

    public double AreaM2 { get; init; }

    public double CentroidLat { get; init; }

    public double CentroidLon { get; init; }

    public string Geometry { get; init; } = "";
}

public sealed class ClaroMapRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Label { get; init; } = "";

    public int? RowNumber { get; init; }

    public int? ColNumber { get; init; }

    public double? AreaM2 { get; init; }

    public double? CentroidLat { get; init; }

    public double? CentroidLon { get; init; }

    public string? Geometry { get; init; }

    public int? StorageAreaId { get; init; }

    public int? WarehouseId { get; init; }

    public long Plants { get; init; }

    public long Batches { get; init; }

    public Guid? LatestSessionId { get; init; }

    public DateTimeOffset? LatestCapturedAt { get; init; }

    public long? LatestTotal { get; init; }

    public string? LatestConfidence { get; init; }

    public double? LatestPipelineMs { get; init; }

    public int? LatestAttempt { get; init; }

    public int? LatestValidatedTotal { get; init; }

    public long? PreviousTotal { get; init; }
}

public sealed class ClaroPeriodRow
{
    public Guid SessionId { get; init; }

    public DateTimeOffset? PeriodStart { get; init; }

    public DateTimeOffset PeriodEnd { get; init; }

    public long? InitialTotal { get; init; }

    public long FinalTotal { get; init; }

    public long Periods { get; init; }

    public long Planted { get; init; }

    public long Deaths { get; init; }

    public long TransplantedIn { get; init; }

    public long TransplantedOut { get; init; }

    public long Sold { get; init; }

    public long Adjusted { get; init; }
}
