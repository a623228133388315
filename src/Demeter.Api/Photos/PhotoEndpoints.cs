using System.Globalization;
using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Layout;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.Users;
using Demeter.Inference.Imaging;

namespace Demeter.Api.Photos;

/// <summary>Photo upload (202 + session id) and session status.</summary>
public static class PhotoEndpoints
{
    public const string ThumbnailRendition = "thumbnail-300.jpg";

    private static readonly TimeSpan EventPollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan EventStreamLimit = TimeSpan.FromMinutes(15);

    /// <summary>When a client refused for a full queue should try again: about what counting a few photos takes.</summary>
    public static readonly TimeSpan QueueRetryAfter = TimeSpan.FromSeconds(10);

    public static void MapPhotoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/photos", UploadAsync).RequireRole(Role.Worker).DisableAntiforgery().WithReadYourWrites()
            .WithTags("Photos")
            .WithName("UploadPhoto")
            .WithSummary("Upload a photo (multipart file, optional storageLocationId, latitude+longitude, capturedAt, sessionId): it is counted and booked in the background")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<PhotoAccepted>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        app.MapGet("/api/v1/photo-sessions/{id:guid}", GetAsync).WithReadYourWrites()
            .WithTags("Photos")
            .WithName("GetPhotoSession")
            .WithSummary("One photo session: status, counts, containers, quality, capture time, booking, image")
            .Produces<PhotoSessionView>()
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapGet("/api/v1/photo-sessions", ListAsync)
            .WithName("ListPhotoSessions")
            .WithSummary("The gallery: photo sessions newest first; ?status= (e.g. failed: the ones to reprocess), storageLocationId, warehouseId, from/to (capture time), warning (a code, any, none), deleted (false, true, all)")
            .Produces<Stock.PageResponse<PhotoSessionView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithReadYourWrites();
        app.MapPost("/api/v1/photo-sessions/{id:guid}/reprocess", ReprocessAsync).RequireRole(Role.Supervisor)
            .WithName("ReprocessPhotoSession")
            .WithSummary("Run a failed session again on the same photo: a new attempt, the failed one kept in failedAttempts")
            .Produces<PhotoSessionView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapGet("/api/v1/photo-sessions/{id:guid}/thumbnail", ThumbnailAsync)
            .WithName("GetPhotoSessionThumbnail")
            .WithSummary("The session's photo, upright, at most 300 px on its longer side (JPEG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithReadYourWrites();
        app.MapGet("/api/v1/photo-sessions/{id:guid}/overlay", OverlayAsync)
            .WithName("GetPhotoSessionOverlay")
            .WithSummary("The counted photo with its detections drawn and a legend of the counts (PNG, at most 2048 px)")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithReadYourWrites();
        app.MapGet("/api/v1/photo-sessions/{id:guid}/metrics", (Guid id, ReadModelQueries q, EntityJournalReader j, BlobStore b, CancellationToken ct) =>
                OutputAsync(id, PhotoProcessingGraph.MetricsRendition(id), "application/json", q, j, b, ct))
            .WithName("GetPhotoSessionMetrics")
            .WithSummary("The counted photo's metrics: size, counts, confidence spread, density, tiles, timings, model")
            .Produces<Demeter.Inference.Visualization.PhotoMetrics>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithReadYourWrites();
        app.MapGet("/api/v1/photo-sessions/{id:guid}/detections", DetectionsAsync)
            .WithName("ListPhotoSessionDetections")
            .WithSummary("The detections a count kept (of one container with ?container=N), in photo pixels, paged")
            .Produces<Stock.PageResponse<StoredDetection>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithReadYourWrites();
        app.MapGet("/api/v1/photo-sessions/{id:guid}/events", EventsAsync)
            .WithName("FollowPhotoSession")
            .WithSummary("Server-sent events of a session's progress (stage, tiles done of total, counts) until it settles")
            .Produces<PhotoSessionProgressEvent>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status404NotFound);
        app.MapPatch("/api/v1/photo-sessions/{id:guid}", AssignLocationAsync).RequireRole(Role.Worker)
            .WithName("AssignPhotoSessionLocation")
            .WithSummary("Give a session that needs a location its storage location; it then is counted and booked")
            .Accepts<AssignLocationRequest>("application/json")
            .Produces<PhotoSessionView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> UploadAsync(
        HttpRequest request,
        PhotoIntake intake,
        BlobStore blobs,
        IRequiredActor<ActorKeys.Layout> layout,
        IRequiredActor<ActorKeys.PhotoSessionRegion> sessions,
        EntityJournalReader journal,
        NurserySettings nursery,
        ReadModelQueries queries,
        CancellationToken ct)
    {
        if (request.ContentLength > intake.MaxUploadBytes + (1024 * 1024))
        {
            return Problem.TooLarge($"The request has {request.ContentLength} bytes; a photo may have at most {intake.MaxUploadBytes}.");
        }

        if (!request.HasFormContentType)
        {
            return Problem.UnsupportedMediaType("Send multipart/form-data with the photo in the field 'file'.");
        }

        // The photo and a handful of options: a form of more fields is not an upload.
        var (form, malformed) = await Multipart.ReadFormAsync(request, intake.MaxUploadBytes + (64 * 1024), ct, maxFields: 16);
        if (malformed is not null)
        {
            return malformed;
        }

        if (form!.Files.GetFile("file") is not { } file)
        {
            return Problem.BadRequest("The multipart field 'file' (the photo) is missing.");
        }

        if (file.Length > intake.MaxUploadBytes)
        {
            return Problem.TooLarge($"The photo has {file.Length} bytes; the limit is {intake.MaxUploadBytes}.");
        }

        if (!TryReadOptions(form, out var options, out var error))
        {
            return Problem.BadRequest(error);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var inspected = await intake.InspectAsync(bytes, ct);
        if (!inspected.Accepted)
        {
            return inspected.Status switch
            {
                StatusCodes.Status503ServiceUnavailable => Problem.Busy(inspected.Error!, PhotoIntake.SlotWait),
                StatusCodes.Status413PayloadTooLarge => Problem.TooLarge(inspected.Error!),
                StatusCodes.Status415UnsupportedMediaType => Problem.UnsupportedMediaType(inspected.Error!),
                StatusCodes.Status400BadRequest => Problem.BadRequest(inspected.Error!),
                _ => Problem.Unprocessable(inspected.Code ?? "undecodable-image", inspected.Error!),
            };
        }

        if (options.StorageLocationId is { } locationId && await layout.ActorRef.RequireStorageLocationAsync(locationId, ct) is { } unknown)
        {
            return unknown;
        }

        // Form coordinates win over EXIF: the client may have corrected a poor fix.
        var latitude = options.Latitude ?? inspected.Gps?.Latitude;
        var longitude = options.Longitude ?? inspected.Gps?.Longitude;
        if (latitude is { } lat && longitude is { } lon && !Coordinates.TryParse(
                lat.ToString(CultureInfo.InvariantCulture), lon.ToString(CultureInfo.InvariantCulture), out _, out _, out var gpsError))
        {
            return Problem.Unprocessable("invalid-gps", $"The photo's EXIF GPS is unusable: {gpsError}");
        }

        var uploadedAt = DateTimeOffset.UtcNow;
        if (options.CapturedAt is { } claimed && CaptureTimes.Implausibility(claimed, uploadedAt, nursery.CaptureMaxAge) is { } implausible)
        {
            return Problem.Unprocessable("implausible-capture-time", $"capturedAt {implausible}; a count is booked as of when the photo was taken.");
        }

        var exif = CaptureTimeReader.Read(bytes);
        var capturedAt = CaptureTimes.Choose(options.CapturedAt, exif?.Local, exif?.Offset, nursery.TimeZone, uploadedAt, nursery.CaptureMaxAge);

        var sessionId = options.SessionId ?? Guid.NewGuid();
        var start = new StartPhotoSession(
            sessionId,
            new PhotoRef(BlobStore.IdOf(bytes), inspected.ContentType, bytes.LongLength, inspected.WidthPx, inspected.HeightPx),
            options.StorageLocationId,
            latitude,
            longitude,
            capturedAt,
            request.HttpContext.User.UserName(),
            uploadedAt,
            options.Latitude is null ? inspected.GpsProblem : null,
            System.Diagnostics.Activity.Current?.Id);

        // A client's own session id may already be taken by another photo: the session's rule, asked before storing anything.
        if (options.SessionId is { } requested && await journal.PhotoSessionAsync(requested, ct) is { Exists: true } existing
            && PhotoSessionDecider.StartConflict(existing, start) is { } conflict)
        {
            return Problem.Conflict(conflict.Code, conflict.Reason);
        }

        // Admission: photos accepted and not yet counted, across the cluster. Beyond the limit the client is told to
        // come back rather than every photo waiting behind an ever longer queue.
        if (await queries.PhotosInFlightAsync(ct) is var inFlight && inFlight >= intake.MaxQueuedPhotos)
        {
            return Problem.Busy($"{inFlight} photos are waiting to be counted (the limit is {intake.MaxQueuedPhotos}).", QueueRetryAfter);
        }

        await blobs.PutAsync(bytes, ct);
        await blobs.PutRenditionAsync(start.Photo.BlobId, ThumbnailRendition, inspected.Thumbnail!, ct);
        var (reply, problem) = await sessions.ActorRef.AskAsync<PhotoSessionReply>(start, ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!reply!.Accepted)
        {
            return reply.RejectionCode == PhotoSessionDecider.InvalidTransition
                ? Problem.Conflict(reply.RejectionCode, reply.RejectionReason ?? "Rejected.")
                : Problem.Unprocessable(reply.RejectionCode ?? "rejected", reply.RejectionReason ?? "Rejected.");
        }

        var url = $"/api/v1/photo-sessions/{sessionId}";
        return Results.Accepted(url, new PhotoAccepted(sessionId, PhotoSessionView.StatusCode(reply.Session.Status), url));
    }

    private static async Task<IResult> AssignLocationAsync(
        Guid id,
        HttpRequest request,
        IRequiredActor<ActorKeys.Layout> layout,
        IRequiredActor<ActorKeys.PhotoSessionRegion> sessions,
        EntityJournalReader journal,
        CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<AssignLocationRequest>(request, ct);
        if (malformed is not null)
        {
            return malformed;
        }

        if (body!.StorageLocationId is not (> 0 and var locationId))
        {
            return Problem.BadRequest("storageLocationId (a positive integer) is required.");
        }

        if (await layout.ActorRef.RequireStorageLocationAsync(locationId, ct) is { } unknown)
        {
            return unknown;
        }

        if (await UnknownSessionAsync(id, journal, ct) is { } unknownSession)
        {
            return unknownSession;
        }

        var (reply, problem) = await sessions.ActorRef.AskAsync<PhotoSessionReply>(
            new AssignStorageLocation(id, locationId, request.HttpContext.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        return reply!.Accepted
            ? Results.Ok(PhotoSessionView.From(reply.Session))
            : Problem.Conflict(reply.RejectionCode ?? PhotoSessionDecider.InvalidTransition, reply.RejectionReason ?? "Rejected.");
    }

    private static async Task<IResult> DetectionsAsync(
        Guid id, int? container, int? page, int? pageSize, ReadModelQueries queries, EntityJournalReader journal, CancellationToken ct)
    {
        if (Stock.Paging.Check(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (container is < 0)
        {
            return Problem.BadRequest("container is a container index (0 or more).");
        }

        if (await UnknownSessionAsync(id, journal, ct) is { } unknown)
        {
            return unknown;
        }

        var (p, size) = Stock.Paging.Of(page, pageSize);
        var (rows, total) = await queries.PhotoDetectionsAsync(id, container, p, size, ct);
        return Results.Ok(new Stock.PageResponse<StoredDetection>(rows, p, size, total));
    }

    private static async Task<IResult> ListAsync(
        string? status,
        int? storageLocationId,
        int? warehouseId,
        DateTimeOffset? from,
        DateTimeOffset? to,
        string? warning,
        string? deleted,
        int? page,
        int? pageSize,
        ReadModelQueries queries,
        CancellationToken ct)
    {
        if (Stock.Paging.Check(page, pageSize) is { } bad)
        {
            return bad;
        }

        if (storageLocationId is <= 0 || warehouseId is <= 0)
        {
            return Problem.BadRequest("storageLocationId and warehouseId are positive integers.");
        }

        if (from is not null && to is not null && from >= to)
        {
            return Problem.BadRequest("from (inclusive) is before to (exclusive).");
        }

        if (warning is { } w && (w.Length > 64 || !w.All(c => char.IsAsciiLetterLower(c) || c == '_')))
        {
            return Problem.BadRequest("warning is a warning code (e.g. needs_calibration), any or none.");
        }

        if (deleted is not (null or "false" or "true" or "all"))
        {
            return Problem.BadRequest("deleted is false (the default: shown sessions), true (deleted ones) or all.");
        }

        bool? deletedFilter = deleted switch
        {
            "true" => true,
            "all" => null,
            _ => false,
        };

        PhotoSessionStatus? wanted = null;
        if (status is not null)
        {
            wanted = Enum.GetValues<PhotoSessionStatus>().Where(s => s != PhotoSessionStatus.None && s != PhotoSessionStatus.Counted)
                .Cast<PhotoSessionStatus?>()
                .FirstOrDefault(s => PhotoSessionView.StatusCode(s!.Value) == status);
            if (wanted is null)
            {
                return Problem.BadRequest("invalid-status", $"status '{status}' is none of pending, processing, completed, failed, needs_location, needs_config.");
            }
        }

        var (p, size) = Stock.Paging.Of(page, pageSize);
        var (rows, total) = await queries.PhotoSessionsAsync(
            new PhotoSessionFilter(wanted?.ToString(), storageLocationId, warehouseId, from, to, warning, deletedFilter), p, size, ct);
        return Results.Ok(new Stock.PageResponse<PhotoSessionView>(rows.Select(PhotoSessionView.From).ToList(), p, size, total));
    }

    private static async Task<IResult> ReprocessAsync(Guid id, HttpContext http, IRequiredActor<ActorKeys.PhotoSessionRegion> sessions, EntityJournalReader journal, CancellationToken ct)
    {
        if (await UnknownSessionAsync(id, journal, ct) is { } unknownSession)
        {
            return unknownSession;
        }

        var (reply, problem) = await sessions.ActorRef.AskAsync<PhotoSessionReply>(new ReprocessPhotoSession(id, http.User.UserName(), DateTimeOffset.UtcNow), ct: ct);
        if (problem is not null)
        {
            return problem;
        }

        var url = $"/api/v1/photo-sessions/{id}";
        return reply!.Accepted
            ? Results.Accepted(url, PhotoSessionView.From(reply.Session))
            : Problem.Conflict(reply.RejectionCode ?? PhotoSessionDecider.InvalidTransition, reply.RejectionReason ?? "Rejected.");
    }

    private static async Task<IResult> EventsAsync(
        Guid id, IRequiredActor<ActorKeys.PhotoSessionRegion> sessions, EntityJournalReader journal, ILogger<PhotoSessionProgressEvent> log, CancellationToken ct)
    {
        if (await UnknownSessionAsync(id, journal, ct) is { } unknownSession)
        {
            return unknownSession;
        }

        return TypedResults.ServerSentEvents(FollowAsync(id, sessions.ActorRef, log, ct), eventType: "progress");
    }

    // One event per change, polled from the session entity (its tile progress lives in memory), until it settles.
    private static async IAsyncEnumerable<PhotoSessionProgressEvent> FollowAsync(
        Guid id, IActorRef sessions, ILogger log, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + EventStreamLimit;
        PhotoSessionProgressEvent? last = null;
        while (!ct.IsCancellationRequested && DateTime.UtcNow < deadline)
        {
            PhotoSessionProgressEvent? current = null;
            try
            {
                var progress = await sessions.Ask<PhotoSessionProgress>(new GetPhotoSessionProgress(id), TimeSpan.FromSeconds(10), ct);
                current = PhotoSessionProgressEvent.From(progress);
            }
            catch (AskTimeoutException ex)
            {
                log.LogWarning(ex, "No progress from photo session {SessionId}; asking again", id);
            }

            if (current is not null && current != last)
            {
                yield return current;
                last = current;
                if (current.Settled)
                {
                    yield break;
                }
            }

            await Task.Delay(EventPollInterval, ct);
        }
    }

    // Sessions are remembered entities: an unknown id is answered from the journal, never by waking one.
    private static async Task<IResult?> UnknownSessionAsync(Guid id, EntityJournalReader journal, CancellationToken ct) =>
        (await journal.PhotoSessionAsync(id, ct)).Exists ? null : Problem.NotFound($"Photo session {id} does not exist.");

    /// <summary>The blob of a session's photo, from the read model or (not projected yet) the journal; null for no such session.</summary>
    private static async Task<string?> PhotoBlobIdAsync(Guid id, ReadModelQueries queries, EntityJournalReader journal, CancellationToken ct) =>
        (await queries.PhotoSessionAsync(id, ct))?.BlobId ?? (await journal.PhotoSessionAsync(id, ct)).Photo?.BlobId;

    private static async Task<IResult> OutputAsync(
        Guid id, string rendition, string contentType, ReadModelQueries queries, EntityJournalReader journal, BlobStore blobs, CancellationToken ct)
    {
        var blobId = await PhotoBlobIdAsync(id, queries, journal, ct);
        if (blobId is null)
        {
            return Problem.NotFound($"Photo session {id} does not exist.");
        }

        return await blobs.ReadRenditionAsync(blobId, rendition, ct) is { } bytes
            ? Results.File(bytes, contentType)
            : Problem.NotFound("output-not-ready", $"Photo session {id} has not been counted yet; its overlay and metrics come with its count.");
    }

    /// <summary>
    /// The overlay, drawn on its first request from the photo and what its count wrote beside it, then kept: the photo
    /// path does not spend a tenth of a second on a picture most photos never have looked at.
    /// </summary>
    private static async Task<IResult> OverlayAsync(Guid id, ReadModelQueries queries, EntityJournalReader journal, BlobStore blobs, CancellationToken ct)
    {
        var blobId = await PhotoBlobIdAsync(id, queries, journal, ct);
        if (blobId is null)
        {
            return Problem.NotFound($"Photo session {id} does not exist.");
        }

        var notReady = Problem.NotFound("output-not-ready", $"Photo session {id} has not been counted yet; its overlay and metrics come with its count.");
        if (await blobs.ReadRenditionAsync(blobId, PhotoProcessingGraph.OverlayInputsRendition(id), ct) is not { } inputsJson)
        {
            return notReady;
        }

        var inputs = OverlayInputs.Decode(inputsJson);
        var name = PhotoProcessingGraph.OverlayRendition(id, inputs.Attempt);
        if (await blobs.ReadRenditionAsync(blobId, name, ct) is { } drawn)
        {
            return Results.File(drawn, "image/png");
        }

        // The count writes its detections just after these inputs: until then there is nothing to draw (and keep) yet.
        if (await blobs.ReadRenditionAsync(blobId, DetectionRendition.Name(id, inputs.Attempt), ct) is not { } detectionsJson)
        {
            return notReady;
        }

        var photo = await blobs.ReadAsync(blobId, ct);
        var detections = DetectionRendition.Decode(detectionsJson);
        var areas = await blobs.ReadRenditionAsync(blobId, PhotoProcessingGraph.OverlayAreasRendition(id, inputs.Attempt), ct);
        var png = await Task.Run(() => inputs.Render(photo, detections, areas), ct);
        await blobs.PutRenditionAsync(blobId, name, png, ct);
        return Results.File(png, "image/png");
    }

    private static async Task<IResult> ThumbnailAsync(Guid id, ReadModelQueries queries, EntityJournalReader journal, BlobStore blobs, CancellationToken ct)
    {
        var blobId = await PhotoBlobIdAsync(id, queries, journal, ct);
        if (blobId is null || !blobs.Exists(blobId))
        {
            return Problem.NotFound($"Photo session {id} does not exist.");
        }

        // Made at upload; a photo stored before thumbnails existed gets one on first request.
        var thumbnail = await blobs.ReadRenditionAsync(blobId, ThumbnailRendition, ct);
        if (thumbnail is null)
        {
            var photo = await blobs.ReadAsync(blobId, ct);
            thumbnail = await Task.Run(
                () =>
                {
                    using var decoded = PhotoDecoder.DecodeReduced(photo, Thumbnail.MaxSidePx);
                    return Thumbnail.Encode(decoded.Bitmap);
                },
                ct);
            await blobs.PutRenditionAsync(blobId, ThumbnailRendition, thumbnail, ct);
        }

        return Results.File(thumbnail, "image/jpeg");
    }

    private static async Task<IResult> GetAsync(Guid id, ReadModelQueries queries, EntityJournalReader journal, CancellationToken ct)
    {
        if (await queries.PhotoSessionAsync(id, ct) is { } row)
        {
            return Results.Ok(PhotoSessionView.From(row));
        }

        // Not projected yet (the projector trails by a fraction of a second): replay its events from the journal.
        // The read model shows a session completed only once it shows the stock the count booked; until the
        // session is projected, its stock may not be, so it is not reported completed from the journal.
        var session = await journal.PhotoSessionAsync(id, ct);
        if (!session.Exists)
        {
            return Problem.NotFound($"Photo session {id} does not exist.");
        }

        return Results.Ok(PhotoSessionView.From(session.Status == PhotoSessionStatus.Completed ? session with { Status = PhotoSessionStatus.Counted } : session));
    }

    private static bool TryReadOptions(IFormCollection form, out UploadOptions options, out string error)
    {
        options = new UploadOptions(null, null, null, null, null);
        error = string.Empty;
        int? location = null;
        if (form["storageLocationId"].ToString() is { Length: > 0 } locationText)
        {
            if (!int.TryParse(locationText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed <= 0)
            {
                error = $"storageLocationId '{locationText}' is not a positive integer.";
                return false;
            }

            location = parsed;
        }

        Guid? sessionId = null;
        if (form["sessionId"].ToString() is { Length: > 0 } sessionText)
        {
            if (!Guid.TryParse(sessionText, out var parsed) || parsed == Guid.Empty)
            {
                error = $"sessionId '{sessionText}' is not a UUID.";
                return false;
            }

            sessionId = parsed;
        }

        var lat = form["latitude"].ToString();
        var lon = form["longitude"].ToString();
        double? latitude = null, longitude = null;
        if (lat.Length > 0 || lon.Length > 0)
        {
            if (!Coordinates.TryParse(lat, lon, out var la, out var lo, out var coordinateError))
            {
                error = coordinateError.Replace("lat ", "latitude ", StringComparison.Ordinal).Replace("lon ", "longitude ", StringComparison.Ordinal);
                return false;
            }

            (latitude, longitude) = (la, lo);
        }

        DateTimeOffset? capturedAt = null;
        if (form["capturedAt"].ToString() is { Length: > 0 } capturedText)
        {
            // An explicit offset is required: a bare local time would be read in whatever zone the server runs in.
            if (!DateTimeOffset.TryParse(capturedText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                || !(capturedText.EndsWith('Z') || capturedText.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(capturedText, @"[+-]\d{2}:?\d{2}$")))
            {
                error = $"capturedAt '{capturedText}' is not an ISO 8601 time with an offset (e.g. 2026-03-01T09:30:00-03:00).";
                return false;
            }

            capturedAt = parsed;
        }

        options = new UploadOptions(sessionId, location, latitude, longitude, capturedAt);
        return true;
    }

    private sealed record UploadOptions(Guid? SessionId, int? StorageLocationId, double? Latitude, double? Longitude, DateTimeOffset? CapturedAt);
}

/// <summary>PATCH /api/v1/photo-sessions/{id}: the storage location of a session that needed one.</summary>
public sealed record AssignLocationRequest(int? StorageLocationId);

/// <summary>An accepted photo: its session, the session's status, and where to follow it.</summary>
public sealed record PhotoAccepted(Guid SessionId, string Status, string StatusUrl);
