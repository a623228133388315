using System.Data.Common;
using Dapper;

namespace Demeter.Cluster.ReadModel;

/// <summary>What stock and movements can be grouped by; each dimension is a key and a label from the read model.</summary>
public enum StockDimension
{
    Warehouse,
    StorageArea,
    StorageLocation,
    Category,
    Family,
    Product,
    ProductState,
    ProductSize,
    Packaging,
}

/// <summary>Filters of an analysis; null means "any".</summary>
public sealed record AnalyticsFilter(int? WarehouseId = null, int? StorageLocationId = null, int? ProductId = null, int? PackagingId = null, int? CategoryId = null);

/// <summary>
/// The read side's analyses: stock grouped by any dimension with its value at the price list, the same over time
/// (rebuilt from the movements, every change of stock being one), and movement summaries per period. Each is one
/// grouped query; nothing is computed per row in the API.
/// </summary>
public sealed class AnalyticsQueries(ReadModelDatabase database)
{
    // Batches with where they are and what the catalog says of their product and packaging (null when not catalogued).
    internal const string StockJoins =
        """
        FROM stock_batches b
        JOIN storage_locations l ON l.id = b.storage_location_id
        LEFT JOIN storage_areas a ON a.id = l.storage_area_id
        LEFT JOIN warehouses w ON w.id = l.warehouse_id
        LEFT JOIN catalog_items pr ON pr.kind = 'product' AND pr.id = b.product_id
        LEFT JOIN catalog_items fa ON fa.kind = 'family' AND fa.id = pr.parent_id
        LEFT JOIN catalog_items ca ON ca.kind = 'category' AND ca.id = fa.parent_id
        LEFT JOIN catalog_items pk ON pk.kind = 'packaging' AND pk.id = b.packaging_id
        LEFT JOIN catalog_items st ON st.kind = 'state' AND st.id = b.product_state_id
        LEFT JOIN catalog_items sz ON sz.kind = 'size' AND sz.id = b.product_size_id
        """;

    public async Task<IReadOnlyList<StockGroupRow>> StockAsync(StockDimension by, AnalyticsFilter filter, CancellationToken ct)
    {
        var (key, label) = Dimension(by);
        var (where, parameters) = Where(filter, "b.quantity_current > 0");
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<StockGroupRow>(new CommandDefinition(
            $"""
            WITH prices AS (SELECT parent_id AS category_id, packaging_id, MIN(unit_price) AS unit_price FROM catalog_items WHERE kind = 'price' GROUP BY parent_id, packaging_id)
            SELECT {key} AS group_key, MAX({label}) AS label, SUM(b.quantity_current) AS plants, COUNT(*) AS batches,
                   COUNT(DISTINCT b.storage_location_id) AS storage_locations,
                   SUM(b.quantity_current * p.unit_price) AS value, SUM(CASE WHEN p.unit_price IS NULL THEN b.quantity_current ELSE 0 END) AS unpriced
            {StockJoins}
            LEFT JOIN prices p ON p.category_id = ca.id AND p.packaging_id = b.packaging_id
            {where}
            GROUP BY {key}
            ORDER BY plants DESC, group_key
            """,
            parameters,
            cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>Net movements per UTC day and group from <paramref name="from"/> to <paramref name="to"/>, and each group's stock before <paramref name="from"/>.</summary>
    public async Task<(IReadOnlyList<DailyChangeRow> Days, IReadOnlyList<StockGroupRow> Before)> StockHistoryAsync(
        StockDimension by, AnalyticsFilter filter, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (key, label) = Dimension(by);
        var (where, parameters) = Where(filter, "m.occurred_at < @to");
        parameters.Add("from", from.ToUniversalTime());
        parameters.Add("to", to.ToUniversalTime());
        await using var c = await database.OpenAsync(ct);
        var day = Day(c, "m.occurred_at");
        var movementJoins = StockJoins.Replace("FROM stock_batches b", "FROM stock_movements m JOIN stock_batches b ON b.batch_id = m.batch_id", StringComparison.Ordinal);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(
            $"""
            SELECT {key} AS group_key, MAX({label}) AS label, {day} AS day, SUM(m.quantity) AS net
            {movementJoins}
            {where} AND m.occurred_at >= @from
            GROUP BY {key}, {day}
            ORDER BY day;
            SELECT {key} AS group_key, MAX({label}) AS label, SUM(m.quantity) AS plants, 0 AS batches, 0 AS storage_locations
            {movementJoins}
            {where} AND m.occurred_at < @from
            GROUP BY {key}
            """,
            parameters,
            cancellationToken: ct));
        var days = (await grid.ReadAsync<DailyChangeRow>()).ToList();
        var before = (await grid.ReadAsync<StockGroupRow>()).ToList();
        return (days, before);
    }

    /// <summary>Movements per UTC day, type and group: how many, plants in, plants out.</summary>
    public async Task<IReadOnlyList<MovementDayRow>> MovementsAsync(StockDimension? by, AnalyticsFilter filter, DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (key, label) = by is { } dimension ? Dimension(dimension) : ("m.movement_type", "m.movement_type");
        var (where, parameters) = Where(filter, "m.occurred_at >= @from AND m.occurred_at < @to");
        parameters.Add("from", from.ToUniversalTime());
        parameters.Add("to", to.ToUniversalTime());
        await using var c = await database.OpenAsync(ct);
        var day = Day(c, "m.occurred_at");
        var rows = await c.QueryAsync<MovementDayRow>(new CommandDefinition(
            $"""
            SELECT {day} AS day, m.movement_type, {key} AS group_key, MAX({label}) AS label, COUNT(*) AS movements,
                   SUM(CASE WHEN m.quantity > 0 THEN m.quantity ELSE 0 END) AS plants_in,
                   SUM(CASE WHEN m.quantity < 0 THEN -m.quantity ELSE 0 END) AS plants_out
            {StockJoins.Replace("FROM stock_batches b", "FROM stock_movements m JOIN stock_batches b ON b.batch_id = m.batch_id", StringComparison.Ordinal)}
            {where}
            GROUP BY {day}, m.movement_type, {key}
            ORDER BY day, m.movement_type, group_key
            """,
            parameters,
            cancellationToken: ct));
        return [.. rows];
    }

    /// <summary>The key and label of a dimension (text, so every dimension sorts and compares alike on both databases).</summary>
    private static (string Key, string Label) Dimension(StockDimension by) => by switch
    {
        StockDimension.Warehouse => ("CAST(l.warehouse_id AS TEXT)", "w.name"),
        StockDimension.StorageArea => ("CAST(l.storage_area_id AS TEXT)", "COALESCE(w.name || ' / ', '') || a.label"),
        StockDimension.StorageLocation => ("CAST(l.id AS TEXT)", "l.code"),
        StockDimension.Category => ("CAST(ca.id AS TEXT)", "ca.name"),
        StockDimension.Family => ("CAST(fa.id AS TEXT)", "fa.name"),
        StockDimension.Product => ("COALESCE(CAST(b.product_id AS TEXT), b.product_name)", "COALESCE(pr.name, b.product_name, 'product ' || CAST(b.product_id AS TEXT))"),
        StockDimension.ProductState => ("CAST(b.product_state_id AS TEXT)", "st.name"),
        StockDimension.ProductSize => ("CAST(b.product_size_id AS TEXT)", "sz.name"),
        _ => ("CAST(b.packaging_id AS TEXT)", "pk.code"),
    };

    private static (string Where, DynamicParameters Parameters) Where(AnalyticsFilter f, string always)
    {
        var clauses = new List<string> { always };
        var parameters = new DynamicParameters();
        void Add(int? value, string clause, string name)
        {
            if (value is { } v)
            {
                clauses.Add(clause);
                parameters.Add(name, v);
            }
        }

        Add(f.WarehouseId, "l.warehouse_id = @warehouseId", "warehouseId");
        Add(f.StorageLocationId, "l.id = @storageLocationId", "storageLocationId");
        Add(f.ProductId, "b.product_id = @productId", "productId");
        Add(f.PackagingId, "b.packaging_id = @packagingId", "packagingId");
        Add(f.CategoryId, "ca.id = @categoryId", "categoryId");
        return ("WHERE " + string.Join(" AND ", clauses), parameters);
    }

    // The UTC day of a timestamp as yyyy-MM-dd: SQLite keeps timestamps as ISO text, PostgreSQL as timestamptz.
    private static string Day(DbConnection c, string column) =>
        c is Microsoft.Data.Sqlite.SqliteConnection ? $"substr({column}, 1, 10)" : $"to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
}

public sealed class StockGroupRow
{
    public string? GroupKey { get; init; }

    public string? Label { get; init; }

    public long Plants { get; init; }

    public long Batches { get; init; }

    public long StorageLocations { get; init; }

    public decimal? Value { get; init; }

    public long Unpriced { get; init; }
}

public sealed class DailyChangeRow
{
    public string? GroupKey { get; init; }

    public string? Label { get; init; }

    public string Day { get; init; } = "";

    public long Net { get; init; }
}

public sealed class MovementDayRow
{
    public string Day { get; init; } = "";

    public string MovementType { get; init; } = "";

    public string? GroupKey { get; init; }

    public string? Label { get; init; }

    public long Movements { get; init; }

    public long PlantsIn { get; init; }

    public long PlantsOut { get; init; }
}
