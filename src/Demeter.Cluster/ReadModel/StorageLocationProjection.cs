using System.Text.Json;
using Demeter.Cluster.Serialization;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.ReadModel;

/// <summary>storage_bins, storage_location_configs and stock_counts, from a claro's stock entity.</summary>
public static class StorageLocationProjection
{
    public static Task ProjectAsync(ProjectionContext c, IStorageLocationEvent @event) => @event switch
    {
        StorageBinRegistered e => c.ExecAsync(
            """
            INSERT INTO storage_bins (bin_id, storage_location_id, code, type_code, category, status, grid_rows, grid_columns, capacity, label, created_at, updated_at)
            VALUES (@BinId, @StorageLocationId, @Code, @TypeCode, @Category, @Status, @Rows, @Columns, @Capacity, @Label, @At, @At)
            ON CONFLICT (bin_id) DO NOTHING
            """,
            new
            {
                e.Bin.BinId,
                e.StorageLocationId,
                e.Bin.Code,
                e.Bin.TypeCode,
                Category = Demeter.Domain.Storage.StorageBinCategories.ToCode(e.Bin.Category),
                Status = e.Bin.Status.ToString().ToLowerInvariant(),
                e.Bin.Rows,
                e.Bin.Columns,
                e.Bin.Capacity,
                e.Bin.Label,
                At = e.Bin.CreatedAt.ToUniversalTime(),
            }),
        StorageBinStatusChanged e => c.ExecAsync(
            "UPDATE storage_bins SET status = @Status, updated_at = @At WHERE bin_id = @BinId",
            new { e.BinId, Status = e.Status.ToString().ToLowerInvariant(), At = e.At.ToUniversalTime() }),
        StorageLocationConfigured e => c.ExecAsync(
            """
            INSERT INTO storage_location_configs (config_id, storage_location_id, product_id, packaging_id, product_state_id, area_cm2, notes, active,
                user_name, created_at, updated_at, deactivated_at)
            VALUES (@ConfigId, @StorageLocationId, @ProductId, @PackagingId, @ProductStateId, @AreaCm2, @Notes, @Active, @User, @CreatedAt, @UpdatedAt, NULL)
            ON CONFLICT (config_id) DO NOTHING
            """,
            ConfigRow(e.StorageLocationId, e.Config)),
        StorageLocationConfigUpdated e => c.ExecAsync(
            """
            UPDATE storage_location_configs SET product_id = @ProductId, packaging_id = @PackagingId, product_state_id = @ProductStateId,
                area_cm2 = @AreaCm2, notes = @Notes, user_name = @User, updated_at = @UpdatedAt
            WHERE config_id = @ConfigId
            """,
            ConfigRow(e.StorageLocationId, e.Config)),
        StorageLocationConfigDeactivated e => c.ExecAsync(
            "UPDATE storage_location_configs SET active = @Active, deactivated_at = @At WHERE config_id = @ConfigId",
            new { e.ConfigId, Active = false, At = e.At.ToUniversalTime() }),
        PhotoCountReceived e => c.ExecAsync(
            """
            INSERT INTO stock_counts (storage_location_id, session_id, status, counted_at, counted, updated_at)
            VALUES (@StorageLocationId, @SessionId, 'pending', @CapturedAt, @Counted, @At)
            ON CONFLICT (storage_location_id, session_id) DO NOTHING
            """,
            new { e.StorageLocationId, e.SessionId, CapturedAt = e.CapturedAt.ToUniversalTime(), e.Counted, At = e.At.ToUniversalTime() }),
        PhotoCountSuperseded e => c.ExecAsync(
            """
            INSERT INTO stock_counts (storage_location_id, session_id, status, counted_at, counted, note, updated_at)
            VALUES (@StorageLocationId, @SessionId, 'superseded', @CapturedAt, @Counted, @Note, @At)
            ON CONFLICT (storage_location_id, session_id) DO UPDATE SET status = excluded.status, note = excluded.note, updated_at = excluded.updated_at
            """,
            new
            {
                e.StorageLocationId,
                e.SessionId,
                CapturedAt = e.CapturedAt.ToUniversalTime(),
                e.Counted,
                At = e.At.ToUniversalTime(),
                Note = $"Older than the claro's latest count ({e.LatestCountAt:O}).",
            }),
        PhotoCountNeedsConfig e => Status(c, e.StorageLocationId, e.SessionId, "needs_config", e.Reason, e.At),
        PhotoCountRequeued e => Status(c, e.StorageLocationId, e.SessionId, "pending", null, e.At),
        PhotoCountAllocated e => Status(c, e.StorageLocationId, e.SessionId, "allocated", null, e.At),
        PhotoCountBooked e => c.ExecAsync(
            """
            UPDATE stock_counts SET status = 'booked', ledger_at_count = @LedgerAtCapture, sales = @Sales, adjustment = @Adjustment, unbooked = @Unbooked,
                note = @Note, updated_at = @At
            WHERE storage_location_id = @StorageLocationId AND session_id = @SessionId
            """,
            new
            {
                e.StorageLocationId,
                e.SessionId,
                e.Booking.LedgerAtCapture,
                e.Booking.Sales,
                e.Booking.Adjustment,
                e.Booking.Unbooked,
                e.Booking.Note,
                At = e.At.ToUniversalTime(),
            }),
        _ => Task.CompletedTask,
    };

    /// <summary>The JSON a session's booking is kept as in photo_sessions.</summary>
    public static string BookingJson(PhotoCountBooking booking) => JsonSerializer.Serialize(booking, DemeterSerializer.Options);

    private static Task Status(ProjectionContext c, int location, Guid session, string status, string? note, DateTimeOffset at) => c.ExecAsync(
        "UPDATE stock_counts SET status = @status, note = @note, updated_at = @at WHERE storage_location_id = @location AND session_id = @session",
        new { location, session, status, note, at = at.ToUniversalTime() });

    private static object ConfigRow(int storageLocationId, StorageLocationConfig config) => new
    {
        config.ConfigId,
        StorageLocationId = storageLocationId,
        config.ProductId,
        config.PackagingId,
        config.ProductStateId,
        config.AreaCm2,
        config.Notes,
        config.Active,
        config.User,
        CreatedAt = config.CreatedAt.ToUniversalTime(),
        UpdatedAt = config.UpdatedAt.ToUniversalTime(),
    };
}
