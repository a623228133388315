using System.Data.Common;
using Demeter.Domain.Storage;

namespace Demeter.Cluster.ReadModel;

/// <summary>storage_bins.</summary>
public static class StorageBinProjection
{
    public static Task ProjectAsync(DbConnection c, DbTransaction tx, IStorageBinEvent @event, long seq, CancellationToken ct) => @event switch
    {
        BinRegistered e => c.ExecuteAsync(
            """
            INSERT INTO storage_bins (bin_id, storage_location_id, category, label, active, last_sequence_nr)
            VALUES (@id, @location, @category, @label, 1, @seq)
            ON CONFLICT (bin_id) DO NOTHING
            """,
            ct, tx, ("@id", e.BinId.ToString()), ("@location", e.StorageLocationId), ("@category", e.Category.ToString()), ("@label", e.Label), ("@seq", seq)),
        BinRetired e => c.ExecuteAsync(
            "UPDATE storage_bins SET active = 0, last_sequence_nr = @seq WHERE bin_id = @id AND last_sequence_nr < @seq",
            ct, tx, ("@id", e.BinId.ToString()), ("@seq", seq)),
        _ => Task.CompletedTask,
    };
}
