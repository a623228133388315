namespace Demeter.Cluster.ReadModel;

/// <summary>DDL of the read-model tables (valid on SQLite and PostgreSQL alike).</summary>
public static class ReadModelSchema
{
    public static readonly IReadOnlyList<string> Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS projection_offsets (
            projection TEXT PRIMARY KEY,
            last_ordering BIGINT NOT NULL,
            updated_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS warehouses (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
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
            ordinal INTEGER NOT NULL,
            area_m2 DOUBLE PRECISION NOT NULL,
            centroid_lat DOUBLE PRECISION NOT NULL,
            centroid_lon DOUBLE PRECISION NOT NULL,
            geometry TEXT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS storage_locations (
            id INTEGER PRIMARY KEY,
            storage_area_id INTEGER NOT NULL,
            warehouse_id INTEGER NOT NULL,
            label TEXT NOT NULL,
            row_number INTEGER NOT NULL,
            col_number INTEGER NOT NULL,
            area_m2 DOUBLE PRECISION NOT NULL,
            centroid_lat DOUBLE PRECISION NOT NULL,
            centroid_lon DOUBLE PRECISION NOT NULL,
            geometry TEXT NOT NULL,
            latest_session_id TEXT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS stock_batches (
            batch_id TEXT PRIMARY KEY,
            product_id INTEGER NULL,
            storage_location_id INTEGER NOT NULL,
            quantity_initial INTEGER NOT NULL,
            quantity_current INTEGER NOT NULL,
            quantity_empty_containers INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            last_sequence_nr BIGINT NOT NULL)
        """,
        "CREATE INDEX IF NOT EXISTS ix_stock_batches_location ON stock_batches (storage_location_id)",
        """
        CREATE TABLE IF NOT EXISTS stock_movements (
            movement_id TEXT NOT NULL,
            batch_id TEXT NOT NULL,
            movement_type TEXT NOT NULL,
            quantity INTEGER NOT NULL,
            quantity_after INTEGER NOT NULL,
            session_id TEXT NULL,
            reason TEXT NULL,
            created_at TEXT NOT NULL,
            sequence_nr BIGINT NOT NULL,
            PRIMARY KEY (batch_id, movement_id))
        """,
        """
        CREATE TABLE IF NOT EXISTS photo_sessions (
            session_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            storage_location_id INTEGER NULL,
            blob_id TEXT NOT NULL,
            width_px INTEGER NOT NULL,
            height_px INTEGER NOT NULL,
            latitude DOUBLE PRECISION NULL,
            longitude DOUBLE PRECISION NULL,
            detected INTEGER NULL,
            estimated INTEGER NULL,
            tiles INTEGER NULL,
            avg_confidence DOUBLE PRECISION NULL,
            decode_ms DOUBLE PRECISION NULL,
            inference_ms DOUBLE PRECISION NULL,
            pipeline_ms DOUBLE PRECISION NULL,
            model_name TEXT NULL,
            model_sha256 TEXT NULL,
            error TEXT NULL,
            booked_batch_id TEXT NULL,
            created_at TEXT NOT NULL,
            started_at TEXT NULL,
            finished_at TEXT NULL,
            last_sequence_nr BIGINT NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS storage_bins (
            bin_id TEXT PRIMARY KEY,
            storage_location_id INTEGER NOT NULL,
            category TEXT NOT NULL,
            label TEXT NOT NULL,
            active INTEGER NOT NULL,
            last_sequence_nr BIGINT NOT NULL)
        """,
    ];
}
