using System.Data.Common;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Cluster.ReadModel;

/// <summary>photo_sessions, plus the claro's latest completed session.</summary>
public static class PhotoSessionProjection
{
    public static async Task ProjectAsync(DbConnection c, DbTransaction tx, IPhotoSessionEvent @event, long seq, CancellationToken ct)
    {
        var id = @event.SessionId.ToString();
        if (@event is PhotoSessionStarted s)
        {
            await c.ExecuteAsync(
                """
                INSERT INTO photo_sessions (session_id, status, storage_location_id, blob_id, width_px, height_px, latitude, longitude,
                    created_at, last_sequence_nr)
                VALUES (@id, @status, @location, @blob, @w, @h, @lat, @lon, @at, @seq)
                ON CONFLICT (session_id) DO NOTHING
                """,
                ct, tx, ("@id", id), ("@status", PhotoSessionStatus.Pending.ToString()), ("@location", s.StorageLocationId), ("@blob", s.Photo.BlobId),
                ("@w", s.Photo.WidthPx), ("@h", s.Photo.HeightPx), ("@lat", s.Latitude), ("@lon", s.Longitude), ("@at", EventProjector.Iso(s.At)), ("@seq", seq));
            return;
        }

        var (set, parameters) = @event switch
        {
            PhotoSessionLocated e => ("storage_location_id = @location", new (string, object?)[] { ("@location", e.StorageLocationId) }),
            PhotoSessionNeedsLocation e => ("status = @status, error = @error", [("@status", PhotoSessionStatus.NeedsLocation.ToString()), ("@error", e.Reason)]),
            PhotoProcessingStarted e => ("status = @status, tiles = @tiles, started_at = @at",
                [("@status", PhotoSessionStatus.Processing.ToString()), ("@tiles", e.Tiles), ("@at", EventProjector.Iso(e.At))]),
            PhotoSessionCompleted e => (
                """
                status = @status, detected = @detected, estimated = @estimated, tiles = @tiles, avg_confidence = @conf,
                decode_ms = @decode, inference_ms = @inference, pipeline_ms = @pipeline, model_name = @model, model_sha256 = @sha, finished_at = @at
                """,
                [("@status", PhotoSessionStatus.Completed.ToString()), ("@detected", e.Result.Detected), ("@estimated", e.Result.Estimated),
                 ("@tiles", e.Result.Tiles), ("@conf", e.Result.AverageConfidence), ("@decode", e.Result.Timings.DecodeMs),
                 ("@inference", e.Result.Timings.InferenceMs), ("@pipeline", e.Result.Timings.PipelineMs), ("@model", e.Result.ModelName),
                 ("@sha", e.Result.ModelSha256), ("@at", EventProjector.Iso(e.At))]),
            PhotoSessionFailed e => ("status = @status, error = @error, finished_at = @at",
                [("@status", PhotoSessionStatus.Failed.ToString()), ("@error", e.Reason), ("@at", EventProjector.Iso(e.At))]),
            PhotoCountBooked e => ("booked_batch_id = @batch", [("@batch", e.BatchId.ToString())]),
            PhotoCountBookingRejected e => ("error = @error", [("@error", "The stock ledger refused the count: " + e.Reason)]),
            _ => (string.Empty, []),
        };
        if (set.Length == 0)
        {
            return;
        }

        var updated = await c.ExecuteAsync(
            $"UPDATE photo_sessions SET {set}, last_sequence_nr = @seq WHERE session_id = @id AND last_sequence_nr < @seq",
            ct, tx, [.. parameters, ("@id", id), ("@seq", seq)]);
        if (updated > 0 && @event is PhotoSessionCompleted)
        {
            await c.ExecuteAsync(
                """
                UPDATE storage_locations SET latest_session_id = @id
                WHERE id = (SELECT storage_location_id FROM photo_sessions WHERE session_id = @id)
                """,
                ct, tx, ("@id", id));
        }
    }
}
