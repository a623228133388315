using Demeter.Domain.Photos.Sessions;

namespace Demeter.Cluster.ReadModel;

/// <summary>photo_sessions, plus the claro's latest completed session.</summary>
public static class PhotoSessionProjection
{
    public static async Task ProjectAsync(ProjectionContext c, IPhotoSessionEvent @event)
    {
        if (@event is PhotoSessionStarted s)
        {
            await c.ExecAsync(
                """
                INSERT INTO photo_sessions (session_id, status, storage_location_id, blob_id, width_px, height_px, latitude, longitude,
                    captured_at, capture_source, capture_note, user_name, created_at, gps_problem, last_sequence_nr)
                VALUES (@SessionId, @Status, @StorageLocationId, @BlobId, @WidthPx, @HeightPx, @Latitude, @Longitude,
                    @CapturedAt, @CaptureSource, @CaptureNote, @User, @At, @GpsProblem, @Seq)
                ON CONFLICT (session_id) DO NOTHING
                """,
                new
                {
                    s.SessionId,
                    Status = PhotoSessionStatus.Pending.ToString(),
                    s.StorageLocationId,
                    s.Photo.BlobId,
                    s.Photo.WidthPx,
                    s.Photo.HeightPx,
                    s.Latitude,
                    s.Longitude,
                    CapturedAt = s.CapturedAt.At.ToUniversalTime(),
                    CaptureSource = s.CapturedAt.Source.ToString().ToLowerInvariant(),
                    CaptureNote = s.CapturedAt.Note,
                    s.User,
                    At = s.At.ToUniversalTime(),
                    s.GpsProblem,
                    Seq = c.SequenceNr,
                });
            return;
        }

        var (set, values) = @event switch
        {
            // A session that needed a location starts over once it has one (both CASEs read the old status).
            PhotoSessionLocated e => (
                """
                storage_location_id = @Location,
                status = CASE WHEN status = @NeedsLocation THEN @Pending ELSE status END,
                error = CASE WHEN status = @NeedsLocation THEN NULL ELSE error END
                """,
                (object)new { Location = e.StorageLocationId, NeedsLocation = nameof(PhotoSessionStatus.NeedsLocation), Pending = nameof(PhotoSessionStatus.Pending) }),
            PhotoSessionNeedsLocation e => ("status = @Status, error = @Error", new { Status = nameof(PhotoSessionStatus.NeedsLocation), Error = e.Reason }),
            PhotoProcessingStarted e => ("status = @Status, tiles = @Tiles, started_at = @At",
                new { Status = nameof(PhotoSessionStatus.Processing), e.Tiles, At = e.At.ToUniversalTime() }),
            PhotoSessionCounted e => Counted(e),
            PhotoCountValidated e => (
                """
                validated_total = @ValidatedTotal, validated_counted = @Counted, validation_note = @Note, validated_by = @User, validated_at = @At,
                calibration_version = NULL, calibration_refusal = NULL
                """,
                new { e.ValidatedTotal, e.Counted, e.Note, e.User, At = e.At.ToUniversalTime() }),
            PhotoCountCalibrationRecorded e => ("calibration_version = @Version, calibration_refusal = @Refusal", new { e.Version, e.Refusal }),
            PhotoSessionCompleted e => ("status = @Status, booking = @Booking, error = @Error, finished_at = @At",
                new { Status = nameof(PhotoSessionStatus.Completed), Booking = StorageLocationProjection.BookingJson(e.Booking), Error = e.Booking.Note, At = e.At.ToUniversalTime() }),
            PhotoSessionNeedsConfig e => ("status = @Status, booking = @Booking, error = @Error",
                new { Status = nameof(PhotoSessionStatus.NeedsConfig), Booking = StorageLocationProjection.BookingJson(e.Booking), Error = e.Booking.Note }),
            PhotoSessionDeleted e => ("deleted_at = @At, deleted_by = @User, delete_reason = @Reason", new { At = e.At.ToUniversalTime(), e.User, e.Reason }),
            PhotoSessionFailed e => ("status = @Status, error = @Error, finished_at = @At",
                new { Status = nameof(PhotoSessionStatus.Failed), Error = e.Reason, At = e.At.ToUniversalTime() }),
            PhotoCountBookingRejected e => ("status = @Status, error = @Error, finished_at = @At",
                new { Status = nameof(PhotoSessionStatus.Failed), Error = "The stock ledger refused the count: " + e.Reason, At = e.At.ToUniversalTime() }),
            PhotoSessionReprocessing e => (
                """
                status = @Status, attempt = @Attempt, error = NULL, detected = NULL, estimated = NULL, tiles = NULL, avg_confidence = NULL,
                decode_ms = NULL, inference_ms = NULL, pipeline_ms = NULL, model_name = NULL, model_sha256 = NULL, booking = NULL,
                started_at = NULL, finished_at = NULL, count_detail = NULL, confidence = NULL, warnings = NULL
                """,
                new { Status = nameof(PhotoSessionStatus.Pending), e.Attempt }),
            _ => (string.Empty, new object()),
        };
        if (set.Length == 0)
        {
            return;
        }

        if (@event is PhotoSessionReprocessing r)
        {
            // The failed attempt goes to the history before the row starts over (keyed by attempt: a replay adds nothing).
            await c.ExecAsync(
                """
                INSERT INTO photo_session_failures (session_id, attempt, reason, failed_at)
                SELECT session_id, @Failed, @Reason, COALESCE(finished_at, @At) FROM photo_sessions WHERE session_id = @Id AND last_sequence_nr < @Seq
                ON CONFLICT (session_id, attempt) DO NOTHING
                """,
                new { Id = r.SessionId, Failed = r.Attempt - 1, Reason = r.PreviousError, At = r.At.ToUniversalTime(), Seq = c.SequenceNr });
        }

        var parameters = new Dapper.DynamicParameters(values);
        parameters.Add("Id", @event.SessionId);
        parameters.Add("Seq", c.SequenceNr);
        var updated = await c.ExecAsync($"UPDATE photo_sessions SET {set}, last_sequence_nr = @Seq WHERE session_id = @Id AND last_sequence_nr < @Seq", parameters);
        if (updated > 0 && @event is PhotoSessionCounted && c.Blobs is { } blobs)
        {
            await PhotoDetectionProjection.ProjectAsync(c, blobs, @event.SessionId);
        }

        if (updated > 0 && @event is PhotoSessionCompleted)
        {
            await c.ExecAsync(
                "UPDATE storage_locations SET latest_session_id = @Id WHERE id = (SELECT storage_location_id FROM photo_sessions WHERE session_id = @Id)",
                new { Id = @event.SessionId });
        }
    }

    /// <summary>A count's columns, with its confidence level and warnings where a gallery filter finds them.</summary>
    private static (string Set, object Values) Counted(PhotoSessionCounted e)
    {
        var detail = PhotoCountDetail.From(e.Result);
        return (
                """
                status = @Status, detected = @Detected, estimated = @Estimated, tiles = @Tiles, avg_confidence = @Confidence, decode_ms = @DecodeMs,
                inference_ms = @InferenceMs, pipeline_ms = @PipelineMs, model_name = @ModelName, model_sha256 = @ModelSha256, count_detail = @Detail,
                confidence = @Level, warnings = @Warnings
                """,
                new
                {
                    Status = nameof(PhotoSessionStatus.Counted),
                    e.Result.Detected,
                    e.Result.Estimated,
                    e.Result.Tiles,
                    Confidence = e.Result.AverageConfidence,
                    e.Result.Timings.DecodeMs,
                    e.Result.Timings.InferenceMs,
                    e.Result.Timings.PipelineMs,
                    e.Result.ModelName,
                    e.Result.ModelSha256,
                    Detail = System.Text.Json.JsonSerializer.Serialize(detail, Demeter.Cluster.Serialization.DemeterSerializer.Options),
                    Level = detail.Confidence,
                    Warnings = detail.Warnings.Count == 0 ? null : string.Join(",", detail.Warnings),
                });
    }
}
