using Dapper;
using Demeter.Cluster.Photos;
using Npgsql;
using NpgsqlTypes;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// photo_detections: a counted photo's detections, read from the rendition the photo path stored beside the photo.
/// PostgreSQL takes them with one binary COPY (thousands of rows per photo); SQLite with one prepared insert reused.
/// A replay first removes what an earlier application of the same attempt wrote.
/// </summary>
public static class PhotoDetectionProjection
{
    public static async Task ProjectAsync(ProjectionContext c, BlobStore blobs, Guid sessionId)
    {
        var row = await c.Connection.QuerySingleOrDefaultAsync<(string BlobId, int Attempt)>(
            new CommandDefinition("SELECT blob_id, attempt FROM photo_sessions WHERE session_id = @sessionId", new { sessionId }, c.Transaction, cancellationToken: c.Ct));
        if (row.BlobId is null || await blobs.ReadRenditionAsync(row.BlobId, DetectionRendition.Name(sessionId, row.Attempt), c.Ct) is not { } bytes)
        {
            // Counted before detections were kept: nothing to show.
            return;
        }

        var detections = DetectionRendition.Decode(bytes);
        await c.ExecAsync("DELETE FROM photo_detections WHERE session_id = @sessionId AND attempt = @attempt", new { sessionId, attempt = row.Attempt });
        if (c.Connection is NpgsqlConnection pg)
        {
            await using var copy = await pg.BeginBinaryImportAsync(
                "COPY photo_detections (session_id, attempt, idx, container_index, x1, y1, x2, y2, score, class_id, label) FROM STDIN (FORMAT BINARY)", c.Ct);
            for (var i = 0; i < detections.Count; i++)
            {
                var d = detections[i];
                await copy.StartRowAsync(c.Ct);
                await copy.WriteAsync(sessionId, NpgsqlDbType.Uuid, c.Ct);
                await copy.WriteAsync(row.Attempt, NpgsqlDbType.Integer, c.Ct);
                await copy.WriteAsync(i, NpgsqlDbType.Integer, c.Ct);
                await copy.WriteAsync(d.Container, NpgsqlDbType.Integer, c.Ct);
                await copy.WriteAsync(d.X1, NpgsqlDbType.Real, c.Ct);
                await copy.WriteAsync(d.Y1, NpgsqlDbType.Real, c.Ct);
                await copy.WriteAsync(d.X2, NpgsqlDbType.Real, c.Ct);
                await copy.WriteAsync(d.Y2, NpgsqlDbType.Real, c.Ct);
                await copy.WriteAsync(d.Score, NpgsqlDbType.Real, c.Ct);
                await copy.WriteAsync(d.ClassId, NpgsqlDbType.Integer, c.Ct);
                await copy.WriteAsync(d.Label, NpgsqlDbType.Text, c.Ct);
            }

            await copy.CompleteAsync(c.Ct);
            return;
        }

        await using var insert = c.Connection.CreateCommand();
        insert.Transaction = c.Transaction;
        insert.CommandText =
            """
            INSERT INTO photo_detections (session_id, attempt, idx, container_index, x1, y1, x2, y2, score, class_id, label)
            VALUES ($session, $attempt, $idx, $container, $x1, $y1, $x2, $y2, $score, $class, $label)
            """;
        var parameters = new[] { "$session", "$attempt", "$idx", "$container", "$x1", "$y1", "$x2", "$y2", "$score", "$class", "$label" }
            .Select(name =>
            {
                var p = insert.CreateParameter();
                p.ParameterName = name;
                insert.Parameters.Add(p);
                return p;
            })
            .ToArray();
        parameters[0].Value = sessionId; // bound as every other session id (the Dapper handler passes the Guid itself)
        parameters[1].Value = row.Attempt;
        for (var i = 0; i < detections.Count; i++)
        {
            var d = detections[i];
            (parameters[2].Value, parameters[3].Value, parameters[4].Value, parameters[5].Value) = (i, d.Container, d.X1, d.Y1);
            (parameters[6].Value, parameters[7].Value, parameters[8].Value, parameters[9].Value, parameters[10].Value) = (d.X2, d.Y2, d.Score, d.ClassId, d.Label);
            await insert.ExecuteNonQueryAsync(c.Ct);
        }
    }
}
