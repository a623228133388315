using Demeter.Cluster.Hosting;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// DDL of the read-model tables. The statements are written once for both providers; only the column types
/// differ: timestamps are <c>timestamptz</c>, ids <c>uuid</c> and flags <c>boolean</c> on PostgreSQL, text and
/// integers on SQLite. The read model is a view of the journal: when <see cref="Version"/> changes, the tables
/// are dropped and the projector rebuilds them from the first event.
/// </summary>
public static class ReadModelSchema
{
    /// <summary>Bump on any change below: existing read models are then rebuilt from the journal.</summary>
    public const int Version = 8;

    public static readonly IReadOnlyList<string> Tables =
    [
        "projection_offsets", "warehouses", "storage_areas", "storage_locations", "storage_location_configs", "storage_bins",
        "stock_batches", "stock_movements", "stock_counts", "stock_transplants", "photo_sessions", "photo_session_failures", "photo_detections",
        "catalog_items",
    ];

    public static IReadOnlyList<string> Statements(DatabaseProvider provider)
    {
        var pg = provider == DatabaseProvider.PostgreSql;
        var ts = pg ? "TIMESTAMPTZ" : "TEXT";
        var uuid = pg ? "UUID" : "TEXT";
        var flag = pg ? "BOOLEAN" : "INTEGER";
        var money = pg ? "NUMERIC(18,4)" : "NUMERIC";
        return
        [
            $"""
            CREATE TABLE IF NOT EXISTS catalog_items (
                kind TEXT NOT NULL,
                id INTEGER NOT NULL,
                code TEXT NOT NULL,
                name TEXT NOT NULL,
                parent_id INTEGER NULL,
                packaging_id INTEGER NULL,
                unit_price BIGINT NULL,
                body TEXT NOT NULL,
                updated_at {ts} NOT NULL,
                updated_by TEXT NOT NULL,
                PRIMARY KEY (kind, id))
            """,
            "CREATE INDEX IF NOT EXISTS ix_catalog_items_parent ON catalog_items (kind, parent_id)",
            $"""
            CREATE TABLE IF NOT EXISTS projection_offsets (
                projection TEXT PRIMARY KEY,
                last_ordering BIGINT NOT NULL,
                updated_at {ts} NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS warehouses (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                code TEXT NOT NULL,
                area_m2 DOUBLE PRECISION NOT NULL,
                centroid_lat DOUBLE PRECISION NOT NULL,
                centroid_lon DOUBLE PRECISION NOT NULL,
                geometry TEXT NOT NULL)
            """,
            """
            CREATE TABLE IF NOT EXISTS storage_areas (
                id INTEGER PRIMARY KEY,
                warehouse_id INTEGER NOT NULL,
                label TEXT NOT NULL,
                code TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                area_m2 DOUBLE PRECISION NOT NULL,
                centroid_lat DOUBLE PRECISION NOT NULL,
                centroid_lon DOUBLE PRECISION NOT NULL,
                geometry TEXT NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS storage_locations (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL,
                code TEXT NOT NULL,
                label TEXT NOT NULL,
                storage_area_id INTEGER NULL,
                warehouse_id INTEGER NULL,
                row_number INTEGER NULL,
                col_number INTEGER NULL,
                area_m2 DOUBLE PRECISION NULL,
                centroid_lat DOUBLE PRECISION NULL,
                centroid_lon DOUBLE PRECISION NULL,
                geometry TEXT NULL,
                latest_session_id {uuid} NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_storage_locations_warehouse ON storage_locations (warehouse_id)",
            $"""
            CREATE TABLE IF NOT EXISTS storage_location_configs (
                config_id {uuid} PRIMARY KEY,
                storage_location_id INTEGER NOT NULL,
                product_id INTEGER NOT NULL,
                packaging_id INTEGER NULL,
                product_state_id INTEGER NULL,
                area_cm2 DOUBLE PRECISION NULL,
                notes TEXT NULL,
                active {flag} NOT NULL,
                user_name TEXT NOT NULL,
                created_at {ts} NOT NULL,
                updated_at {ts} NOT NULL,
                deactivated_at {ts} NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_storage_location_configs_location ON storage_location_configs (storage_location_id)",
            $"""
            CREATE TABLE IF NOT EXISTS storage_bins (
                bin_id {uuid} PRIMARY KEY,
                storage_location_id INTEGER NOT NULL,
                code TEXT NOT NULL,
                type_code TEXT NOT NULL,
                category TEXT NOT NULL,
                status TEXT NOT NULL,
                grid_rows INTEGER NULL,
                grid_columns INTEGER NULL,
                capacity INTEGER NULL,
                label TEXT NULL,
                created_at {ts} NOT NULL,
                updated_at {ts} NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_storage_bins_location ON storage_bins (storage_location_id)",
            $"""
            CREATE TABLE IF NOT EXISTS stock_batches (
                batch_id {uuid} PRIMARY KEY,
                code TEXT NOT NULL,
                storage_location_id INTEGER NOT NULL,
                bin_id {uuid} NOT NULL,
                product_id INTEGER NULL,
                product_name TEXT NULL,
                product_state_id INTEGER NULL,
                product_size_id INTEGER NULL,
                packaging_id INTEGER NULL,
                status TEXT NOT NULL,
                quantity_initial INTEGER NOT NULL,
                quantity_current INTEGER NOT NULL,
                quantity_empty_containers INTEGER NOT NULL,
                movement_count INTEGER NOT NULL,
                verified_at {ts} NULL,
                created_at {ts} NOT NULL,
                updated_at {ts} NOT NULL,
                last_sequence_nr BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_stock_batches_location ON stock_batches (storage_location_id)",
            "CREATE INDEX IF NOT EXISTS ix_stock_batches_product ON stock_batches (product_id)",
            $"""
            CREATE TABLE IF NOT EXISTS stock_movements (
                batch_id {uuid} NOT NULL,
                sequence_nr BIGINT NOT NULL,
                movement_id {uuid} NOT NULL,
                storage_location_id INTEGER NOT NULL,
                product_id INTEGER NULL,
                packaging_id INTEGER NULL,
                movement_type TEXT NOT NULL,
                is_inbound {flag} NOT NULL,
                quantity INTEGER NOT NULL,
                quantity_after INTEGER NOT NULL,
                source TEXT NOT NULL,
                user_name TEXT NOT NULL,
                reason TEXT NULL,
                notes TEXT NULL,
                unit_price {money} NULL,
                total_price {money} NULL,
                session_id {uuid} NULL,
                transplant_id {uuid} NULL,
                needs_review {flag} NOT NULL,
                occurred_at {ts} NOT NULL,
                PRIMARY KEY (batch_id, sequence_nr))
            """,
            "CREATE INDEX IF NOT EXISTS ix_stock_movements_location_time ON stock_movements (storage_location_id, occurred_at)",
            "CREATE INDEX IF NOT EXISTS ix_stock_movements_time ON stock_movements (occurred_at)",
            $"""
            CREATE TABLE IF NOT EXISTS stock_counts (
                storage_location_id INTEGER NOT NULL,
                session_id {uuid} NOT NULL,
                status TEXT NOT NULL,
                counted_at {ts} NOT NULL,
                counted INTEGER NOT NULL,
                ledger_at_count INTEGER NULL,
                sales INTEGER NULL,
                adjustment INTEGER NULL,
                unbooked INTEGER NULL,
                note TEXT NULL,
                updated_at {ts} NOT NULL,
                PRIMARY KEY (storage_location_id, session_id))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS stock_transplants (
                transplant_id {uuid} PRIMARY KEY,
                status TEXT NOT NULL,
                from_batch_id {uuid} NOT NULL,
                to_storage_location_id INTEGER NOT NULL,
                to_batch_id {uuid} NULL,
                quantity INTEGER NOT NULL,
                user_name TEXT NOT NULL,
                error_code TEXT NULL,
                error TEXT NULL,
                created_at {ts} NOT NULL,
                finished_at {ts} NULL,
                last_sequence_nr BIGINT NOT NULL)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS photo_sessions (
                session_id {uuid} PRIMARY KEY,
                status TEXT NOT NULL,
                storage_location_id INTEGER NULL,
                blob_id TEXT NOT NULL,
                width_px INTEGER NOT NULL,
                height_px INTEGER NOT NULL,
                latitude DOUBLE PRECISION NULL,
                longitude DOUBLE PRECISION NULL,
                captured_at {ts} NOT NULL,
                capture_source TEXT NOT NULL,
                capture_note TEXT NULL,
                user_name TEXT NOT NULL,
                detected INTEGER NULL,
                estimated INTEGER NULL,
                tiles INTEGER NULL,
                avg_confidence DOUBLE PRECISION NULL,
                decode_ms DOUBLE PRECISION NULL,
                inference_ms DOUBLE PRECISION NULL,
                pipeline_ms DOUBLE PRECISION NULL,
                model_name TEXT NULL,
                model_sha256 TEXT NULL,
                booking TEXT NULL,
                error TEXT NULL,
                created_at {ts} NOT NULL,
                started_at {ts} NULL,
                finished_at {ts} NULL,
                gps_problem TEXT NULL,
                attempt INTEGER NOT NULL DEFAULT 1,
                count_detail TEXT NULL,
                validated_total INTEGER NULL,
                validated_counted INTEGER NULL,
                validation_note TEXT NULL,
                validated_by TEXT NULL,
                validated_at {ts} NULL,
                calibration_version INTEGER NULL,
                calibration_refusal TEXT NULL,
                confidence TEXT NULL,
                warnings TEXT NULL,
                deleted_at {ts} NULL,
                deleted_by TEXT NULL,
                delete_reason TEXT NULL,
                last_sequence_nr BIGINT NOT NULL)
            """,
            "CREATE INDEX IF NOT EXISTS ix_photo_sessions_location_time ON photo_sessions (storage_location_id, captured_at)",
            "CREATE INDEX IF NOT EXISTS ix_photo_sessions_created ON photo_sessions (created_at)",
            // The unfinished-work sweep's two questions, every half minute: partial, so they stay as small as the work in flight.
            "CREATE INDEX IF NOT EXISTS ix_stock_transplants_unfinished ON stock_transplants (created_at) WHERE finished_at IS NULL",
            $"CREATE INDEX IF NOT EXISTS ix_photo_sessions_unfinished ON photo_sessions (created_at) WHERE status IN ({Recovery.UnfinishedWork.DrivenPhotoStatuses})",
            $"""
            CREATE TABLE IF NOT EXISTS photo_session_failures (
                session_id {uuid} NOT NULL,
                attempt INTEGER NOT NULL,
                reason TEXT NOT NULL,
                failed_at {ts} NOT NULL,
                PRIMARY KEY (session_id, attempt))
            """,
            $"""
            CREATE TABLE IF NOT EXISTS photo_detections (
                session_id {uuid} NOT NULL,
                attempt INTEGER NOT NULL,
                idx INTEGER NOT NULL,
                container_index INTEGER NOT NULL,
                x1 REAL NOT NULL,
                y1 REAL NOT NULL,
                x2 REAL NOT NULL,
                y2 REAL NOT NULL,
                score REAL NOT NULL,
                class_id INTEGER NOT NULL,
                label TEXT NOT NULL,
                PRIMARY KEY (session_id, attempt, idx))
            """,
            "CREATE INDEX IF NOT EXISTS ix_photo_sessions_status ON photo_sessions (status)",
            $"CREATE TABLE IF NOT EXISTS read_model_schema (version INTEGER NOT NULL, created_at {ts} NOT NULL)",
        ];
    }
}
