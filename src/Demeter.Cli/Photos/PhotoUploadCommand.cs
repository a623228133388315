using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Photos;

/// <summary>`demeter photo upload IMAGE`: sends a photo to the cluster and (with --wait) follows its session.</summary>
public static class PhotoUploadCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "A JPEG, PNG or WebP photo" };
        var location = new Option<int?>("--location") { Description = "Storage location (claro) id, when the photo has no usable GPS" };
        var lat = new Option<double?>("--lat") { Description = "Latitude (overrides EXIF GPS)" };
        var lon = new Option<double?>("--lon") { Description = "Longitude (overrides EXIF GPS)" };
        var wait = new Option<bool>("--wait") { Description = "Poll the session until its count is booked (or it stops) and print it" };
        var capturedAt = new Option<DateTimeOffset?>("--captured-at") { Description = "When the photo was taken (ISO 8601 with offset); default: its EXIF time, else the upload time" };
        var server = CommonOptions.Server();
        var upload = new Command("upload", "Upload a photo to a running system") { image, location, lat, lon, capturedAt, wait, server };
        upload.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(image)!;
            var fields = new Dictionary<string, string>();
            if (parse.GetValue(location) is { } id)
            {
                fields["storageLocationId"] = id.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(lat) is { } la && parse.GetValue(lon) is { } lo)
            {
                fields["latitude"] = la.ToString(CultureInfo.InvariantCulture);
                fields["longitude"] = lo.ToString(CultureInfo.InvariantCulture);
            }

            if (parse.GetValue(capturedAt) is { } taken)
            {
                fields["capturedAt"] = taken.ToString("O", CultureInfo.InvariantCulture);
            }

            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var accepted = await client.PostFilesAsync("api/v1/photos", new Dictionary<string, string> { ["file"] = file.FullName }, fields, ct);
            var sessionId = accepted.GetProperty("sessionId").GetString();
            Console.WriteLine($"session {sessionId} accepted");
            if (!parse.GetValue(wait))
            {
                return 0;
            }

            // The session's progress as a bar on stderr (stdout keeps the session JSON for scripts) until it settles.
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            await console.Progress()
                .AutoClear(true)
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask("waiting", maxValue: 1);
                    await client.FollowEventsAsync($"api/v1/photo-sessions/{sessionId}/events", e =>
                    {
                        task.Description = e.GetProperty("stage").GetString() ?? "?";
                        if (e.GetProperty("tilesTotal").ValueKind == JsonValueKind.Number)
                        {
                            task.MaxValue = Math.Max(1, e.GetProperty("tilesTotal").GetInt32());
                            task.Value = e.GetProperty("tilesDone").GetInt32();
                        }
                    }, ct);
                });

            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (DateTime.UtcNow < deadline)
            {
                var session = await client.GetAsync($"api/v1/photo-sessions/{sessionId}", ct);
                var status = session.GetProperty("status").GetString();
                if (status is "completed" or "failed" or "needs_location" or "needs_config")
                {
                    Console.WriteLine(JsonSerializer.Serialize(session, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
                    return status == "completed" ? 0 : 1;
                }

                await Task.Delay(500, ct);
            }

            throw new CliException($"Session {sessionId} did not finish within 10 minutes.");
        });
        return upload;
    }
}
