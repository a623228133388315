using Demeter.Domain.Stock.Transplants;

namespace Demeter.Cluster.ReadModel;

/// <summary>stock_transplants.</summary>
public static class TransplantProjection
{
    public static Task ProjectAsync(ProjectionContext c, ITransplantEvent @event) => @event switch
    {
        TransplantStarted e => c.ExecAsync(
            """
            INSERT INTO stock_transplants (transplant_id, status, from_batch_id, to_storage_location_id, quantity, user_name, created_at, last_sequence_nr)
            VALUES (@TransplantId, 'started', @FromBatchId, @ToStorageLocationId, @Quantity, @User, @At, @Seq)
            ON CONFLICT (transplant_id) DO NOTHING
            """,
            new { e.TransplantId, e.Request.FromBatchId, e.Request.ToStorageLocationId, e.Request.Quantity, e.Request.User, At = e.At.ToUniversalTime(), Seq = c.SequenceNr }),
        TransplantSourceDebited e => Update(c, e.TransplantId, "source_debited", null, null, null, null),
        TransplantRejected e => Update(c, e.TransplantId, "rejected", null, e.Code, e.Reason, e.At),
        TransplantCompleted e => Update(c, e.TransplantId, "completed", e.ToBatchId, null, null, e.At),
        TransplantCompensating e => Update(c, e.TransplantId, "compensating", null, e.Code, e.Reason, null),
        TransplantCompensated e => Update(c, e.TransplantId, "compensated", null, null, null, e.At),
        _ => Task.CompletedTask,
    };

    private static Task Update(ProjectionContext c, Guid id, string status, Guid? toBatch, string? code, string? error, DateTimeOffset? finished) => c.ExecAsync(
        """
        UPDATE stock_transplants SET status = @status, to_batch_id = COALESCE(@toBatch, to_batch_id), error_code = COALESCE(@code, error_code),
            error = COALESCE(@error, error), finished_at = COALESCE(@finished, finished_at), last_sequence_nr = @seq
        WHERE transplant_id = @id AND last_sequence_nr < @seq
        """,
        new { id, status, toBatch, code, error, finished = finished?.ToUniversalTime(), seq = c.SequenceNr });
}
