using System.Data.Common;
using Dapper;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Reconciliation;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Filters of the photo gallery; null means "any". <see cref="Warning"/> is a warning code, <see cref="AnyWarning"/> or
/// <see cref="NoWarning"/>; <see cref="Deleted"/> false (the default at the API) hides soft-deleted sessions.
/// </summary>
public sealed record PhotoSessionFilter(
    string? Status = null, int? StorageLocationId = null, int? WarehouseId = null, DateTimeOffset? From = null, DateTimeOffset? To = null,
    string? Warning = null, bool? Deleted = null)
{
    public const string AnyWarning = "any";
    public const string NoWarning = "none";
}

/// <summary>Filters of the batch list; null means "any".</summary>
public sealed record BatchFilter(int? StorageLocationId = null, int? ProductId = null, int? ProductStateId = null, int? PackagingId = null, bool? Active = null, int? WarehouseId = null);

/// <summary>Filters of the movement list; null means "any". <see cref="From"/> is inclusive, <see cref="To"/> exclusive.</summary>
public sealed record MovementFilter(
    Guid? BatchId = null, int? StorageLocationId = null, int? ProductId = null, string? Type = null, string? Source = null,
    DateTimeOffset? From = null, DateTimeOffset? To = null, bool? NeedsReview = null, Guid? SessionId = null, Guid? TransplantId = null);

/// <summary>The API's read side: plain queries over the projected tables, mapped by column name, never a question to an actor.</summary>
public sealed class ReadModelQueries(ReadModelDatabase database)
{
    private const string BatchColumns =
        """
        b.batch_id, b.code, b.storage_location_id, b.bin_id, b.product_id, b.product_name, b.product_state_id, b.product_size_id, b.packaging_id,
        b.status, b.quantity_initial, b.quantity_current, b.quantity_empty_containers, b.verified_at, b.created_at, b.updated_at
        """;

    private const string MovementColumns =
        """
        m.movement_id, m.batch_id, m.sequence_nr, m.storage_location_id, m.product_id, m.packaging_id, m.movement_type, m.is_inbound, m.quantity,
        m.quantity_after, m.source, m.user_name, m.reason, m.notes, m.unit_price, m.total_price, m.session_id, m.transplant_id, m.needs_review, m.occurred_at
        """;

    public async Task<StorageLocationView?> StorageLocationAsync(int id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<LocationRow>(new CommandDefinition(
            """
            SELECT l.id, l.kind, l.code, l.label, l.row_number, l.col_number, l.area_m2, l.centroid_lat, l.centroid_lon, l.latest_session_id,
                   a.id AS area_id, a.label AS area_label, a.ordinal AS area_ordinal, a.area_m2 AS area_area_m2,
                   w.id AS warehouse_id, w.name AS warehouse_name, w.area_m2 AS warehouse_area_m2
            FROM storage_locations l
            LEFT JOIN storage_areas a ON a.id = l.storage_area_id
            LEFT JOIN warehouses w ON w.id = l.warehouse_id
            WHERE l.id = @id
            """,
            new { id },
            cancellationToken: ct));
        return row?.ToView();
    }

    public async Task<LayoutCounts> LayoutCountsAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleAsync<CountsRow>(new CommandDefinition(
            """
            SELECT (SELECT COUNT(*) FROM warehouses) AS warehouses, (SELECT COUNT(*) FROM storage_areas) AS storage_areas,
                   (SELECT COUNT(*) FROM storage_locations WHERE kind = 'claro') AS storage_locations
            """,
            cancellationToken: ct));
        return new LayoutCounts((int)row.Warehouses, (int)row.StorageAreas, (int)row.StorageLocations);
    }

    public async Task<PageOf<StockBatchView>> BatchesAsync(BatchFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var (where, parameters) = BatchWhere(filter);
        await using var c = await database.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM stock_batches b {where}", parameters, cancellationToken: ct));
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (long)(page - 1) * pageSize);
        var rows = await c.QueryAsync<BatchRow>(new CommandDefinition(
            $"SELECT {BatchColumns} FROM stock_batches b {where} ORDER BY b.created_at, b.batch_id LIMIT @limit OFFSET @offset", parameters, cancellationToken: ct));
        return new PageOf<StockBatchView>(rows.Select(r => r.ToView()).ToList(), page, pageSize, total);
    }

    public async Task<StockBatchView?> BatchAsync(Guid batchId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<BatchRow>(new CommandDefinition(
            $"SELECT {BatchColumns} FROM stock_batches b WHERE b.batch_id = @batchId", new { batchId }, cancellationToken: ct));
        return row?.ToView();
    }

    /// <summary>The claro's open (not archived) batches, oldest first.</summary>
    /// <summary>A claro as the map shows it and its open batches, in one round trip (null claro: no such claro).</summary>
    public async Task<(ClaroMapRow? Claro, IReadOnlyList<StockBatchView> Batches)> ClaroWithStockAsync(int id, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        using var grid = await c.QueryMultipleAsync(new CommandDefinition(
            $"""
            {MapQueries.ClarosSql("l.id = @id")};
            SELECT {BatchColumns} FROM stock_batches b WHERE b.storage_location_id = @id AND b.status <> 'archived' ORDER BY b.created_at, b.batch_id
            """,
            new { id },
            cancellationToken: ct));
        var claro = await grid.ReadSingleOrDefaultAsync<ClaroMapRow>();
        var batches = (await grid.ReadAsync<BatchRow>()).Select(r => r.ToView()).ToList();
        return (claro, batches);
    }

    public async Task<IReadOnlyList<StockBatchView>> StockOfLocationAsync(int storageLocationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<BatchRow>(new CommandDefinition(
            $"SELECT {BatchColumns} FROM stock_batches b WHERE b.storage_location_id = @storageLocationId AND b.status <> 'archived' ORDER BY b.created_at, b.batch_id",
            new { storageLocationId },
            cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<PageOf<StockMovementView>> MovementsAsync(MovementFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        var (where, parameters) = MovementWhere(filter);
        await using var c = await database.OpenAsync(ct);
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM stock_movements m {where}", parameters, cancellationToken: ct));
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (long)(page - 1) * pageSize);
        var rows = await c.QueryAsync<MovementRow>(new CommandDefinition(
            $"SELECT {MovementColumns} FROM stock_movements m {where} ORDER BY m.occurred_at, m.batch_id, m.sequence_nr LIMIT @limit OFFSET @offset",
            parameters,
            cancellationToken: ct));
        return new PageOf<StockMovementView>(rows.Select(r => r.ToView()).ToList(), page, pageSize, total);
    }

    public async Task<IReadOnlyList<StorageBinView>> BinsAsync(int storageLocationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await BinsWhereAsync(c, "k.storage_location_id = @storageLocationId", new { storageLocationId }, ct);
    }

    public async Task<StorageBinView?> BinAsync(Guid binId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return (await BinsWhereAsync(c, "k.bin_id = @binId", new { binId }, ct)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<StorageLocationConfigView>> ConfigsAsync(int storageLocationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<ConfigRow>(new CommandDefinition(
            """
            SELECT config_id, storage_location_id, product_id, packaging_id, product_state_id, area_cm2, notes, active, user_name, created_at, updated_at, deactivated_at
            FROM storage_location_configs WHERE storage_location_id = @storageLocationId ORDER BY created_at, config_id
            """,
            new { storageLocationId },
            cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<StockCountView>> CountsAsync(int storageLocationId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var rows = await c.QueryAsync<CountRow>(new CommandDefinition(
            """
            SELECT storage_location_id, session_id, status, counted_at, counted, ledger_at_count, sales, adjustment, unbooked, note, updated_at
            FROM stock_counts WHERE storage_location_id = @storageLocationId ORDER BY counted_at, session_id
            """,
            new { storageLocationId },
            cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<TransplantRow?> TransplantAsync(Guid transplantId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<TransplantDbRow>(new CommandDefinition(
            """
            SELECT transplant_id, status, from_batch_id, to_storage_location_id, to_batch_id, quantity, user_name, error_code, error, created_at, finished_at
            FROM stock_transplants WHERE transplant_id = @transplantId
            """,
            new { transplantId },
            cancellationToken: ct));
        return row?.ToRow();
    }

    /// <summary>Photo sessions accepted and not counted yet (pending, processing, or counted and being booked).</summary>
    public async Task<int> PhotosInFlightAsync(CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM photo_sessions WHERE status IN (@Pending, @Processing, @Counted)",
            new
            {
                Pending = nameof(PhotoSessionStatus.Pending),
                Processing = nameof(PhotoSessionStatus.Processing),
                Counted = nameof(PhotoSessionStatus.Counted),
            },
            cancellationToken: ct));
    }

    private const string SessionColumns =
        """
        session_id, status, storage_location_id, blob_id, width_px, height_px, latitude, longitude, captured_at, capture_source, capture_note,
        user_name, detected, estimated, tiles, avg_confidence, decode_ms, inference_ms, pipeline_ms, model_name, model_sha256, booking, error,
        created_at, started_at, finished_at, gps_problem, attempt, count_detail, validated_total, validated_counted, validation_note, validated_by,
        validated_at, calibration_version, calibration_refusal, deleted_at, deleted_by, delete_reason
        """;

    public async Task<PhotoSessionRow?> PhotoSessionAsync(Guid sessionId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {SessionColumns} FROM photo_sessions WHERE session_id = @sessionId", new { sessionId }, cancellationToken: ct));
        if (row is null)
        {
            return null;
        }

        var failures = await c.QueryAsync<FailureRow>(new CommandDefinition(
            "SELECT attempt, reason, failed_at FROM photo_session_failures WHERE session_id = @sessionId ORDER BY attempt", new { sessionId }, cancellationToken: ct));
        return row.ToRow() with { FailedAttempts = failures.Select(f => new PhotoSessionFailureRow(f.Attempt, f.Reason, f.FailedAt)).ToList() };
    }

    /// <summary>Sessions matching <paramref name="f"/>, newest first, paged; and how many there are.</summary>
    public async Task<(IReadOnlyList<PhotoSessionRow> Rows, long Total)> PhotoSessionsAsync(PhotoSessionFilter f, int page, int pageSize, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var clauses = new List<string>();
        // Counted sessions are still being booked: the API calls them processing.
        if (f.Status is not null) clauses.Add(f.Status == nameof(PhotoSessionStatus.Processing) ? "status IN ('Processing', 'Counted')" : "status = @Status");
        if (f.StorageLocationId is not null) clauses.Add("storage_location_id = @StorageLocationId");
        if (f.WarehouseId is not null) clauses.Add("storage_location_id IN (SELECT id FROM storage_locations WHERE warehouse_id = @WarehouseId)");
        if (f.From is not null) clauses.Add("captured_at >= @From");
        if (f.To is not null) clauses.Add("captured_at < @To");
        if (f.Warning is { } warning) clauses.Add(warning == PhotoSessionFilter.AnyWarning ? "warnings IS NOT NULL" : warning == PhotoSessionFilter.NoWarning ? "warnings IS NULL" : "(',' || warnings || ',') LIKE @WarningPattern");
        if (f.Deleted is { } deleted) clauses.Add(deleted ? "deleted_at IS NOT NULL" : "deleted_at IS NULL");
        var where = clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", clauses);
        var parameters = new
        {
            f.Status,
            f.StorageLocationId,
            f.WarehouseId,
            From = f.From?.ToUniversalTime(),
            To = f.To?.ToUniversalTime(),
            WarningPattern = $"%,{f.Warning},%",
            limit = pageSize,
            offset = (long)(page - 1) * pageSize,
        };
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM photo_sessions {where}", parameters, cancellationToken: ct));
        var rows = await c.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {SessionColumns} FROM photo_sessions {where} ORDER BY created_at DESC, session_id LIMIT @limit OFFSET @offset", parameters, cancellationToken: ct));
        return (rows.Select(r => r.ToRow()).ToList(), total);
    }

    /// <summary>The kept detections of a session's latest attempt (of one container, when given), in the order they were counted, paged; and how many.</summary>
    public async Task<(IReadOnlyList<StoredDetection> Rows, long Total)> PhotoDetectionsAsync(
        Guid sessionId, int? container, int page, int pageSize, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        const string Where =
            """
            FROM photo_detections d JOIN photo_sessions s ON s.session_id = d.session_id AND s.attempt = d.attempt
            WHERE d.session_id = @sessionId AND (@container IS NULL OR d.container_index = @container)
            """;
        var parameters = new { sessionId, container, limit = pageSize, offset = (long)(page - 1) * pageSize };
        var total = await c.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) {Where}", parameters, cancellationToken: ct));
        var rows = await c.QueryAsync<DetectionRow>(new CommandDefinition(
            $"SELECT d.container_index, d.x1, d.y1, d.x2, d.y2, d.score, d.class_id, d.label {Where} ORDER BY d.idx LIMIT @limit OFFSET @offset",
            parameters,
            cancellationToken: ct));
        return (rows.Select(r => new StoredDetection(r.ContainerIndex, r.X1, r.Y1, r.X2, r.Y2, r.Score, r.ClassId, r.Label)).ToList(), total);
    }

    /// <summary>The claro ids of a warehouse.</summary>
    public async Task<IReadOnlyList<int>> StorageLocationsOfWarehouseAsync(int warehouseId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return (await c.QueryAsync<int>(new CommandDefinition(
            "SELECT id FROM storage_locations WHERE warehouse_id = @warehouseId ORDER BY id", new { warehouseId }, cancellationToken: ct))).ToList();
    }

    public async Task<bool> WarehouseExistsAsync(int warehouseId, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition("SELECT COUNT(*) FROM warehouses WHERE id = @warehouseId", new { warehouseId }, cancellationToken: ct)) > 0;
    }

    /// <summary>Every movement of the given claros before <paramref name="to"/>, and their booked photo counts: what a reconciliation reads.</summary>
    public async Task<(IReadOnlyList<LedgerMovement> Movements, IReadOnlyList<LedgerCount> Counts)> LedgerAsync(
        IReadOnlyList<int> storageLocationIds, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var ids = storageLocationIds.ToArray();
        var movements = await c.QueryAsync<LedgerRow>(new CommandDefinition(
            $"""
            SELECT batch_id, storage_location_id, product_id, packaging_id, movement_type, quantity, occurred_at, source, needs_review
            FROM stock_movements WHERE {In(c, "storage_location_id", "ids")} AND occurred_at < @to
            """,
            new { ids, to = to.ToUniversalTime() },
            cancellationToken: ct));
        var counts = await c.QueryAsync<CountRow>(new CommandDefinition(
            $"""
            SELECT storage_location_id, session_id, status, counted_at, counted, ledger_at_count, sales, adjustment, unbooked, note, updated_at
            FROM stock_counts WHERE {In(c, "storage_location_id", "ids")} AND status = 'booked' AND counted_at < @to
            """,
            new { ids, to = to.ToUniversalTime() },
            cancellationToken: ct));
        return (
            movements.Select(r => r.ToLedger()).ToList(),
            counts.Select(r => new LedgerCount(r.StorageLocationId, r.SessionId, r.CountedAt, r.Counted, r.Unbooked ?? 0)).ToList());
    }

    /// <summary>
    /// Stock per product and packaging (active batches), the latest booked photo count of the claros holding it,
    /// and the sales photo counts inferred between <paramref name="from"/> and <paramref name="to"/>.
    /// </summary>
    public async Task<IReadOnlyList<StockPosition>> StockPositionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var c = await database.OpenAsync(ct);
        var stock = await c.QueryAsync<PositionRow>(new CommandDefinition(
            """
            SELECT b.product_id, b.packaging_id, SUM(b.quantity_current) AS stock,
                   (SELECT MAX(k.counted_at) FROM stock_counts k WHERE k.status = 'booked'
                       AND k.storage_location_id IN (SELECT x.storage_location_id FROM stock_batches x WHERE x.product_id = b.product_id)) AS last_photo_at
            FROM stock_batches b WHERE b.product_id IS NOT NULL AND b.status = 'active'
            GROUP BY b.product_id, b.packaging_id
            """,
            cancellationToken: ct));
        var sales = (await c.QueryAsync<PositionRow>(new CommandDefinition(
            """
            SELECT product_id, packaging_id, -SUM(quantity) AS stock
            FROM stock_movements WHERE movement_type = 'ventas' AND source = 'reconciliation' AND product_id IS NOT NULL
              AND occurred_at >= @from AND occurred_at < @to
            GROUP BY product_id, packaging_id
            """,
            new { from = from.ToUniversalTime(), to = to.ToUniversalTime() },
            cancellationToken: ct))).ToDictionary(r => (r.ProductId, r.PackagingId), r => r.Stock);
        var keys = stock.Select(s => (s.ProductId, s.PackagingId)).Union(sales.Keys).ToList();
        var byKey = stock.ToDictionary(s => (s.ProductId, s.PackagingId));
        return keys
            .Select(k => new StockPosition(
                k.ProductId, k.PackagingId, byKey.TryGetValue(k, out var s) ? s.Stock : 0, byKey.TryGetValue(k, out var p) ? p.LastPhotoAt : null,
                sales.GetValueOrDefault(k)))
            .ToList();
    }

    private static async Task<IReadOnlyList<StorageBinView>> BinsWhereAsync(DbConnection c, string where, object parameters, CancellationToken ct)
    {
        var bins = (await c.QueryAsync<BinRow>(new CommandDefinition(
            $"""
            SELECT k.bin_id, k.storage_location_id, k.code, k.type_code, k.category, k.status, k.grid_rows, k.grid_columns, k.capacity, k.label,
                   k.created_at, k.updated_at
            FROM storage_bins k WHERE {where} ORDER BY k.created_at, k.bin_id
            """,
            parameters,
            cancellationToken: ct))).ToList();
        var batches = (await c.QueryAsync<BinBatchRow>(new CommandDefinition(
            $"""
            SELECT b.bin_id, b.batch_id, b.quantity_current FROM stock_batches b
            WHERE b.status <> 'archived' AND b.bin_id IN (SELECT k.bin_id FROM storage_bins k WHERE {where})
            """,
            parameters,
            cancellationToken: ct))).ToLookup(b => b.BinId);
        return bins.Select(b => b.ToView(batches[b.BinId].ToList())).ToList();
    }

    private static (string Where, DynamicParameters Parameters) BatchWhere(BatchFilter f)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            clauses.Add(clause);
            p.Add(name, value);
        }

        if (f.StorageLocationId is { } location) Add("b.storage_location_id = @location", "location", location);
        if (f.ProductId is { } product) Add("b.product_id = @product", "product", product);
        if (f.ProductStateId is { } state) Add("b.product_state_id = @state", "state", state);
        if (f.PackagingId is { } packaging) Add("b.packaging_id = @packaging", "packaging", packaging);
        if (f.WarehouseId is { } warehouse) Add("b.storage_location_id IN (SELECT id FROM storage_locations WHERE warehouse_id = @warehouse)", "warehouse", warehouse);
        if (f.Active is { } active) clauses.Add(active ? "b.status = 'active'" : "b.status <> 'active'");
        return (clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", clauses), p);
    }

    private static (string Where, DynamicParameters Parameters) MovementWhere(MovementFilter f)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters();
        void Add(string clause, string name, object? value)
        {
            clauses.Add(clause);
            p.Add(name, value);
        }

        if (f.BatchId is { } batch) Add("m.batch_id = @batch", "batch", batch);
        if (f.StorageLocationId is { } location) Add("m.storage_location_id = @location", "location", location);
        if (f.ProductId is { } product) Add("m.product_id = @product", "product", product);
        if (f.Type is { } type) Add("m.movement_type = @type", "type", type);
        if (f.Source is { } source) Add("m.source = @source", "source", source);
        if (f.From is { } from) Add("m.occurred_at >= @from", "from", from.ToUniversalTime());
        if (f.To is { } to) Add("m.occurred_at < @to", "to", to.ToUniversalTime());
        if (f.NeedsReview is { } review) Add("m.needs_review = @review", "review", review);
        if (f.SessionId is { } session) Add("m.session_id = @session", "session", session);
        if (f.TransplantId is { } transplant) Add("m.transplant_id = @transplant", "transplant", transplant);
        return (clauses.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", clauses), p);
    }

    /// <summary>"column IN list": PostgreSQL takes the array as one parameter, Dapper expands it for SQLite.</summary>
    private static string In(DbConnection c, string column, string parameter) =>
        c is Npgsql.NpgsqlConnection ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    // ---- rows (Dapper maps columns to these by name) ----

    private sealed class LocationRow
    {
        public int Id { get; init; }
        public string Kind { get; init; } = "";
        public string Code { get; init; } = "";
        public string Label { get; init; } = "";
        public int? RowNumber { get; init; }
        public int? ColNumber { get; init; }
        public double? AreaM2 { get; init; }
        public double? CentroidLat { get; init; }
        public double? CentroidLon { get; init; }
        public Guid? LatestSessionId { get; init; }
        public int? AreaId { get; init; }
        public string? AreaLabel { get; init; }
        public int? AreaOrdinal { get; init; }
        public double? AreaAreaM2 { get; init; }
        public int? WarehouseId { get; init; }
        public string? WarehouseName { get; init; }
        public double? WarehouseAreaM2 { get; init; }

        public StorageLocationView ToView() => new(
            Id, Kind, Code, Label, RowNumber, ColNumber, AreaM2, CentroidLat, CentroidLon, LatestSessionId,
            AreaId is { } a ? new StorageAreaView(a, AreaLabel ?? "", AreaOrdinal ?? 0, AreaAreaM2 ?? 0) : null,
            WarehouseId is { } w ? new WarehouseView(w, WarehouseName ?? "", WarehouseAreaM2 ?? 0) : null);
    }

    private sealed class CountsRow
    {
        public long Warehouses { get; init; }
        public long StorageAreas { get; init; }
        public long StorageLocations { get; init; }
    }

    private sealed class BatchRow
    {
        public Guid BatchId { get; init; }
        public string Code { get; init; } = "";
        public int StorageLocationId { get; init; }
        public Guid BinId { get; init; }
        public int? ProductId { get; init; }
        public string? ProductName { get; init; }
        public int? ProductStateId { get; init; }
        public int? ProductSizeId { get; init; }
        public int? PackagingId { get; init; }
        public string Status { get; init; } = "";
        public int QuantityInitial { get; init; }
        public int QuantityCurrent { get; init; }
        public int QuantityEmptyContainers { get; init; }
        public DateTimeOffset? VerifiedAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public StockBatchView ToView() => new(
            BatchId, true, Code, StorageLocationId, BinId, ProductId, ProductName, ProductStateId, ProductSizeId, PackagingId,
            Enum.Parse<BatchStatus>(Status, ignoreCase: true), QuantityInitial, QuantityCurrent, QuantityEmptyContainers, VerifiedAt, CreatedAt, UpdatedAt);
    }

    private sealed class MovementRow
    {
        public Guid MovementId { get; init; }
        public Guid BatchId { get; init; }
        public long SequenceNr { get; init; }
        public int StorageLocationId { get; init; }
        public int? ProductId { get; init; }
        public int? PackagingId { get; init; }
        public string MovementType { get; init; } = "";
        public bool IsInbound { get; init; }
        public int Quantity { get; init; }
        public int QuantityAfter { get; init; }
        public string Source { get; init; } = "";
        public string UserName { get; init; } = "";
        public string? Reason { get; init; }
        public string? Notes { get; init; }
        public decimal? UnitPrice { get; init; }
        public decimal? TotalPrice { get; init; }
        public Guid? SessionId { get; init; }
        public Guid? TransplantId { get; init; }
        public bool NeedsReview { get; init; }
        public DateTimeOffset OccurredAt { get; init; }

        public StockMovementView ToView() => new(
            MovementId, BatchId, SequenceNr, StorageLocationId, ProductId, PackagingId, MovementType, IsInbound ? "inbound" : "outbound", Quantity,
            QuantityAfter, Source, UserName, Reason, Notes, UnitPrice, TotalPrice, SessionId, TransplantId, NeedsReview, OccurredAt);
    }

    private sealed class LedgerRow
    {
        public Guid BatchId { get; init; }
        public int StorageLocationId { get; init; }
        public int? ProductId { get; init; }
        public int? PackagingId { get; init; }
        public string MovementType { get; init; } = "";
        public int Quantity { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Source { get; init; } = "";
        public bool NeedsReview { get; init; }

        public LedgerMovement ToLedger() => new(
            BatchId, StorageLocationId, ProductId, PackagingId,
            MovementTypes.TryParse(MovementType, out var type) ? type : throw new InvalidOperationException($"Unknown movement type '{MovementType}' in the read model."),
            Quantity, OccurredAt, Enum.Parse<MovementSource>(Source, ignoreCase: true), NeedsReview);
    }

    private sealed class BinRow
    {
        public Guid BinId { get; init; }
        public int StorageLocationId { get; init; }
        public string Code { get; init; } = "";
        public string TypeCode { get; init; } = "";
        public string Category { get; init; } = "";
        public string Status { get; init; } = "";
        public int? GridRows { get; init; }
        public int? GridColumns { get; init; }
        public int? Capacity { get; init; }
        public string? Label { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public StorageBinView ToView(IReadOnlyList<BinBatchRow> batches) => new(
            BinId, StorageLocationId, Code, TypeCode, Category, Status, GridRows, GridColumns, Capacity, Label,
            batches.Sum(b => (long)b.QuantityCurrent), batches.Select(b => b.BatchId).ToList(), CreatedAt, UpdatedAt);
    }

    private sealed class BinBatchRow
    {
        public Guid BinId { get; init; }
        public Guid BatchId { get; init; }
        public int QuantityCurrent { get; init; }
    }

    private sealed class ConfigRow
    {
        public Guid ConfigId { get; init; }
        public int StorageLocationId { get; init; }
        public int ProductId { get; init; }
        public int? PackagingId { get; init; }
        public int? ProductStateId { get; init; }
        public double? AreaCm2 { get; init; }
        public string? Notes { get; init; }
        public bool Active { get; init; }
        public string UserName { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public DateTimeOffset? DeactivatedAt { get; init; }

        public StorageLocationConfigView ToView() => new(
            ConfigId, StorageLocationId, ProductId, PackagingId, ProductStateId, AreaCm2, Notes, Active, UserName, CreatedAt, UpdatedAt, DeactivatedAt);
    }

    private sealed class CountRow
    {
        public int StorageLocationId { get; init; }
        public Guid SessionId { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset CountedAt { get; init; }
        public int Counted { get; init; }
        public int? LedgerAtCount { get; init; }
        public int? Sales { get; init; }
        public int? Adjustment { get; init; }
        public int? Unbooked { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public StockCountView ToView() => new(StorageLocationId, SessionId, Status, CountedAt, Counted, LedgerAtCount, Sales, Adjustment, Unbooked, Note, UpdatedAt);
    }

    private sealed class TransplantDbRow
    {
        public Guid TransplantId { get; init; }
        public string Status { get; init; } = "";
        public Guid FromBatchId { get; init; }
        public int ToStorageLocationId { get; init; }
        public Guid? ToBatchId { get; init; }
        public int Quantity { get; init; }
        public string UserName { get; init; } = "";
        public string? ErrorCode { get; init; }
        public string? Error { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }

        public TransplantRow ToRow() => new(TransplantId, Status, FromBatchId, ToStorageLocationId, ToBatchId, Quantity, UserName, ErrorCode, Error, CreatedAt, FinishedAt);
    }

    private sealed class SessionRow
    {
        public Guid SessionId { get; init; }
        public string Status { get; init; } = "";
        public int? StorageLocationId { get; init; }
        public string BlobId { get; init; } = "";
        public int WidthPx { get; init; }
        public int HeightPx { get; init; }
        public double? Latitude { get; init; }
        public double? Longitude { get; init; }
        public DateTimeOffset CapturedAt { get; init; }
        public string CaptureSource { get; init; } = "";
        public string? CaptureNote { get; init; }
        public string UserName { get; init; } = "";
        public int? Detected { get; init; }
        public int? Estimated { get; init; }
        public int? Tiles { get; init; }
        public double? AvgConfidence { get; init; }
        public double? DecodeMs { get; init; }
        public double? InferenceMs { get; init; }
        public double? PipelineMs { get; init; }
        public string? ModelName { get; init; }
        public string? ModelSha256 { get; init; }
        public string? Booking { get; init; }
        public string? Error { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? StartedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public string? GpsProblem { get; init; }
        public int Attempt { get; init; } = 1;
        public string? CountDetail { get; init; }
        public int? ValidatedTotal { get; init; }
        public int? ValidatedCounted { get; init; }
        public string? ValidationNote { get; init; }
        public string? ValidatedBy { get; init; }
        public DateTimeOffset? ValidatedAt { get; init; }
        public int? CalibrationVersion { get; init; }
        public string? CalibrationRefusal { get; init; }

        public DateTimeOffset? DeletedAt { get; init; }

        public string? DeletedBy { get; init; }

        public string? DeleteReason { get; init; }

        public PhotoSessionRow ToRow() => new(
            SessionId, Status, StorageLocationId, BlobId, WidthPx, HeightPx, Latitude, Longitude, CapturedAt, CaptureSource, CaptureNote, UserName,
            Detected, Estimated, Tiles, AvgConfidence, DecodeMs, InferenceMs, PipelineMs, ModelName, ModelSha256, Booking, Error, CreatedAt, StartedAt, FinishedAt, GpsProblem, Attempt,
            CountDetail, ValidatedTotal, ValidatedCounted, ValidationNote, ValidatedBy, ValidatedAt, CalibrationVersion, CalibrationRefusal, DeletedAt, DeletedBy, DeleteReason);
    }

    private sealed class DetectionRow
    {
        public int ContainerIndex { get; init; }
        public float X1 { get; init; }
        public float Y1 { get; init; }
        public float X2 { get; init; }
        public float Y2 { get; init; }
        public float Score { get; init; }
        public int ClassId { get; init; }
        public string Label { get; init; } = "";
    }

    private sealed class FailureRow
    {
        public int Attempt { get; init; }
        public string Reason { get; init; } = "";
        public DateTimeOffset FailedAt { get; init; }
    }

    private sealed class PositionRow
    {
        public int ProductId { get; init; }
        public int? PackagingId { get; init; }
        public long Stock { get; init; }
        public DateTimeOffset? LastPhotoAt { get; init; }
    }
}
