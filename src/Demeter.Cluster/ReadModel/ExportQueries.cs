using System.Runtime.CompilerServices;
using Dapper;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Rows for exports, read as they are written out (unbuffered): an export of a million movements holds one row
/// at a time, not the whole table.
/// </summary>
public sealed class ExportQueries(ReadModelDatabase database)
{
    public IAsyncEnumerable<StockExportRow> StockAsync(AnalyticsFilter f, CancellationToken ct) => ReadAsync<StockExportRow>(
        $"""
        SELECT b.batch_id, b.code, w.name AS warehouse, a.label AS storage_area, l.id AS storage_location_id, l.code AS storage_location,
               b.product_id, COALESCE(pr.name, b.product_name) AS product, fa.name AS family, ca.name AS category,
               st.code AS product_state, sz.code AS product_size, pk.code AS packaging, b.quantity_current AS quantity, b.status,
               b.created_at, b.updated_at
        {AnalyticsQueries.StockJoins}
        WHERE b.quantity_current > 0
          AND (@warehouseId IS NULL OR l.warehouse_id = @warehouseId)
          AND (@storageLocationId IS NULL OR l.id = @storageLocationId)
          AND (@productId IS NULL OR b.product_id = @productId)
        ORDER BY l.id, b.code
        """,
        new { warehouseId = f.WarehouseId, storageLocationId = f.StorageLocationId, productId = f.ProductId },
        ct);

    public IAsyncEnumerable<MovementExportRow> MovementsAsync(AnalyticsFilter f, DateTimeOffset? from, DateTimeOffset? to, string? type, CancellationToken ct) =>
        ReadAsync<MovementExportRow>(
            """
            SELECT m.occurred_at, m.movement_id, m.batch_id, m.storage_location_id, l.code AS storage_location, m.product_id, m.packaging_id,
                   m.movement_type, m.quantity, m.quantity_after, m.source, m.user_name, m.reason, m.unit_price, m.session_id, m.transplant_id
            FROM stock_movements m
            JOIN storage_locations l ON l.id = m.storage_location_id
            WHERE (@from IS NULL OR m.occurred_at >= @from) AND (@to IS NULL OR m.occurred_at < @to)
              AND (@type IS NULL OR m.movement_type = @type)
              AND (@warehouseId IS NULL OR l.warehouse_id = @warehouseId)
              AND (@storageLocationId IS NULL OR m.storage_location_id = @storageLocationId)
              AND (@productId IS NULL OR m.product_id = @productId)
            ORDER BY m.occurred_at, m.batch_id, m.sequence_nr
            """,
            new { from = from?.ToUniversalTime(), to = to?.ToUniversalTime(), type, warehouseId = f.WarehouseId, storageLocationId = f.StorageLocationId, productId = f.ProductId },
            ct);

    public IAsyncEnumerable<ClaroExportRow> StorageLocationsAsync(int? warehouseId, CancellationToken ct) => ReadAsync<ClaroExportRow>(
        """
        WITH stock AS (SELECT storage_location_id, SUM(quantity_current) AS plants, COUNT(*) AS batches FROM stock_batches WHERE quantity_current > 0 GROUP BY storage_location_id)
        SELECT l.id, l.code, l.label, w.name AS warehouse, a.label AS storage_area, l.area_m2, l.geometry,
               COALESCE(s.plants, 0) AS plants, COALESCE(s.batches, 0) AS batches
        FROM storage_locations l
        LEFT JOIN storage_areas a ON a.id = l.storage_area_id
        LEFT JOIN warehouses w ON w.id = l.warehouse_id
        LEFT JOIN stock s ON s.storage_location_id = l.id
        WHERE l.kind = 'claro' AND (@warehouseId IS NULL OR l.warehouse_id = @warehouseId)
        ORDER BY l.id
        """,
        new { warehouseId },
        ct);

    private async IAsyncEnumerable<T> ReadAsync<T>(string sql, object parameters, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var c = await database.OpenAsync(ct);
        await foreach (var row in c.QueryUnbufferedAsync<T>(sql, parameters).WithCancellation(ct))
        {
            yield return row;
        }
    }
}

public sealed class StockExportRow
{
    public Guid BatchId { get; init; }

    public string Code { get; init; } = "";

    public string? Warehouse { get; init; }

    public string? StorageArea { get; init; }

    public int StorageLocationId { get; init; }

    public string StorageLocation { get; init; } = "";

    public int? ProductId { get; init; }

    public string? Product { get; init; }

    public string? Family { get; init; }

    public string? Category { get; init; }

    public string? ProductState { get; init; }

    public string? ProductSize { get; init; }

    public string? Packaging { get; init; }

    public long Quantity { get; init; }

    public string Status { get; init; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

public sealed class MovementExportRow
{
    public DateTimeOffset OccurredAt { get; init; }

    public Guid MovementId { get; init; }

    public Guid BatchId { get; init; }

    public int StorageLocationId { get; init; }

    public string StorageLocation { get; init; } = "";

    public int? ProductId { get; init; }

    public int? PackagingId { get; init; }

    public string MovementType { get; init; } = "";

    public long Quantity { get; init; }

    public long QuantityAfter { get; init; }

    public string Source { get; init; } = "";

    public string UserName { get; init; } = "";

    public string? Reason { get; init; }

    public decimal? UnitPrice { get; init; }

    public Guid? SessionId { get; init; }

    public Guid? TransplantId { get; init; }
}

public sealed class ClaroExportRow
{
    public int Id { get; init; }

    public string Code { get; init; } = "";

    public string Label { get; init; } = "";

    public string? Warehouse { get; init; }

    public string? StorageArea { get; init; }

    public double? AreaM2 { get; init; }

    public string? Geometry { get; init; }

    public long Plants { get; init; }

    public long Batches { get; init; }
}
