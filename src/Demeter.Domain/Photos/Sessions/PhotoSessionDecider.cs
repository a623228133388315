using Demeter.Domain.Messaging;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>
/// The status machine of a photo session: pending → processing → counted → completed (once the count is booked
/// into the claro's ledger) | failed; needs-location before processing, needs-config while the claro's ledger
/// cannot tell which batch the count belongs to.
/// </summary>
public static class PhotoSessionDecider
{
    public const string NotFound = "session-not-found";
    public const string InvalidTransition = "invalid-transition";
    public const string InvalidInput = "invalid-input";
    public const string Deleted = "session-deleted";
    public const int MaxDeleteReasonLength = 500;

    public static Decision<IPhotoSessionEvent> Decide(PhotoSessionState state, IPhotoSessionCommand command) => command switch
    {
        StartPhotoSession c => Start(state, c),
        GetPhotoSession or GetPhotoSessionProgress => Decision<IPhotoSessionEvent>.AlreadyDone(),
        _ when !state.Exists => Decision<IPhotoSessionEvent>.Reject(NotFound, $"Photo session {command.SessionId} does not exist."),
        DeletePhotoSession c => Delete(state, c),
        ReprocessPhotoSession or AssignStorageLocation or ValidatePhotoCount when state.Deletion is { } d =>
            Decision<IPhotoSessionEvent>.Reject(Deleted, $"Photo session {command.SessionId} was deleted by {d.User} at {d.At:O}."),
        ResolveLocation c => Locate(state, c),
        AssignStorageLocation c => Assign(state, c),
        ReprocessPhotoSession c => state.Status == PhotoSessionStatus.Failed
            ? Decision<IPhotoSessionEvent>.Accept(new PhotoSessionReprocessing(c.SessionId, state.Attempt + 1, state.Error ?? "failed", c.User, c.At))
            : Invalid(state, "reprocess"),
        BeginProcessing c => state.Status switch
        {
            PhotoSessionStatus.Processing => Decision<IPhotoSessionEvent>.AlreadyDone(),
            PhotoSessionStatus.Pending when state.StorageLocationId is not null =>
                Decision<IPhotoSessionEvent>.Accept(new PhotoProcessingStarted(c.SessionId, c.Tiles, c.At)),
            _ => Invalid(state, "begin processing"),
        },
        CompleteProcessing c => state.Status switch
        {
            PhotoSessionStatus.Counted or PhotoSessionStatus.Completed or PhotoSessionStatus.NeedsConfig => Decision<IPhotoSessionEvent>.AlreadyDone(),
            PhotoSessionStatus.Processing when c.Result.Detected < 0 || c.Result.Estimated < 0 || (long)c.Result.Detected + c.Result.Estimated > int.MaxValue =>
                Decision<IPhotoSessionEvent>.Reject(InvalidInput, "Counts cannot be negative or beyond what a batch can hold."),
            PhotoSessionStatus.Processing => Decision<IPhotoSessionEvent>.Accept(new PhotoSessionCounted(c.SessionId, c.Result, c.At)),
            _ => Invalid(state, "complete"),
        },
        FailProcessing c => state.Status switch
        {
            PhotoSessionStatus.Failed => Decision<IPhotoSessionEvent>.AlreadyDone(),
            PhotoSessionStatus.Pending or PhotoSessionStatus.Processing =>
                Decision<IPhotoSessionEvent>.Accept(new PhotoSessionFailed(c.SessionId, c.Reason, c.At)),
            _ => Invalid(state, "fail"),
        },
        MarkCountBooked c => Booked(state, c),
        ValidatePhotoCount c => Validate(state, c),
        MarkCalibrationRecorded c => state.Validation is { Delivered: false } v && v.ValidatedTotal == c.ValidatedTotal && (c.ValidatedAt is null || c.ValidatedAt == v.At)
            ? Decision<IPhotoSessionEvent>.Accept(new PhotoCountCalibrationRecorded(c.SessionId, c.Key, c.Version, c.Refusal, c.At))
            : Decision<IPhotoSessionEvent>.AlreadyDone(),
        RecordBookingRejection c when state.Status is PhotoSessionStatus.Counted or PhotoSessionStatus.NeedsConfig =>
            Decision<IPhotoSessionEvent>.Accept(new PhotoCountBookingRejected(c.SessionId, c.Reason, c.At)),
        RecordBookingRejection => Decision<IPhotoSessionEvent>.AlreadyDone(),
        _ => Decision<IPhotoSessionEvent>.Reject(InvalidInput, $"Unknown command {command.GetType().Name}."),
    };

    /// <summary>Only a settled session is hidden: one still being counted or booked would book a count nobody sees.</summary>
    private static Decision<IPhotoSessionEvent> Delete(PhotoSessionState state, DeletePhotoSession c)
    {
        if (c.Reason is { Length: > MaxDeleteReasonLength })
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, $"A reason has at most {MaxDeleteReasonLength} characters.");
        }

        if (state.Deletion is not null)
        {
            return Decision<IPhotoSessionEvent>.AlreadyDone();
        }

        return state.Status is PhotoSessionStatus.Pending or PhotoSessionStatus.Processing or PhotoSessionStatus.Counted
            ? Invalid(state, "delete")
            : Decision<IPhotoSessionEvent>.Accept(new PhotoSessionDeleted(c.SessionId, c.Reason, c.User, c.At));
    }

    /// <summary>The largest count a person can validate: more plants than any claro holds is a typing error.</summary>
    public const int MaxValidatedTotal = 10_000_000;

    private static Decision<IPhotoSessionEvent> Validate(PhotoSessionState state, ValidatePhotoCount c)
    {
        if (c.ValidatedTotal is < 0 or > MaxValidatedTotal)
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, $"A validated count lies in [0, {MaxValidatedTotal}].");
        }

        if (c.Note is { Length: > 1000 })
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "A validation note has at most 1000 characters.");
        }

        if (state.Status != PhotoSessionStatus.Completed || state.Result is null)
        {
            return Invalid(state, "validate the count of");
        }

        return state.Validation is { } v && v.ValidatedTotal == c.ValidatedTotal && v.Note == c.Note
            ? Decision<IPhotoSessionEvent>.AlreadyDone()
            : Decision<IPhotoSessionEvent>.Accept(new PhotoCountValidated(c.SessionId, c.ValidatedTotal, state.Result.Total, c.Note, c.User, c.At));
    }

    private static Decision<IPhotoSessionEvent> Booked(PhotoSessionState state, MarkCountBooked c)
    {
        if (state.Status is not (PhotoSessionStatus.Counted or PhotoSessionStatus.NeedsConfig))
        {
            return state.Status == PhotoSessionStatus.Completed ? Decision<IPhotoSessionEvent>.AlreadyDone() : Invalid(state, "book a count of");
        }

        return c.Booking.Status switch
        {
            PhotoCountStatus.Booked or PhotoCountStatus.Superseded => Decision<IPhotoSessionEvent>.Accept(new PhotoSessionCompleted(c.SessionId, c.Booking, c.At)),
            PhotoCountStatus.NeedsConfig when state.Status == PhotoSessionStatus.Counted =>
                Decision<IPhotoSessionEvent>.Accept(new PhotoSessionNeedsConfig(c.SessionId, c.Booking, c.At)),

            // Still on its way through the ledger: the claro will tell again once it is settled.
            _ => Decision<IPhotoSessionEvent>.AlreadyDone(),
        };
    }

    private static Decision<IPhotoSessionEvent> Start(PhotoSessionState state, StartPhotoSession c)
    {
        if (state.Exists)
        {
            // A client retrying the same upload with its own session id gets the same session back.
            return state.Photo?.BlobId == c.Photo.BlobId
                ? Decision<IPhotoSessionEvent>.AlreadyDone()
                : Decision<IPhotoSessionEvent>.Reject(InvalidTransition, $"Photo session {c.SessionId} already exists for another photo.");
        }

        if (c.Latitude is { } lat && (double.IsNaN(lat) || lat is < -90 or > 90))
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "Latitude must lie in [-90, 90].");
        }

        if (c.Longitude is { } lon && (double.IsNaN(lon) || lon is < -180 or > 180))
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "Longitude must lie in [-180, 180].");
        }

        if (c.StorageLocationId is <= 0)
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "A storage location id is a positive number.");
        }

        if (c.Latitude.HasValue != c.Longitude.HasValue)
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "Latitude and longitude come together.");
        }

        if (c.Photo.WidthPx <= 0 || c.Photo.HeightPx <= 0 || string.IsNullOrWhiteSpace(c.Photo.BlobId))
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "The photo reference is incomplete.");
        }

        var events = new List<IPhotoSessionEvent>
        {
            new PhotoSessionStarted(c.SessionId, c.Photo, c.StorageLocationId, c.Latitude, c.Longitude, c.CapturedAt, c.User, c.At, c.GpsProblem, c.TraceParent),
        };
        if (c.StorageLocationId is { } id)
        {
            events.Add(new PhotoSessionLocated(c.SessionId, id, null, LocationMethods.Explicit, c.At));
        }
        else if (c.Latitude is null)
        {
            events.Add(new PhotoSessionNeedsLocation(
                c.SessionId,
                c.GpsProblem is { } gps
                    ? $"The photo's GPS position is unusable ({gps}) and no storage location was given."
                    : "The photo has no GPS position and no storage location was given.",
                c.At));
        }

        return Decision<IPhotoSessionEvent>.Accept(events);
    }

    /// <summary>The step the session owes now, or null while one is under way or nothing is owed yet.</summary>
    public static PhotoSessionStep? Next(PhotoSessionState s) => s.Status switch
    {
        PhotoSessionStatus.Pending when s.StorageLocationId is null && s.Latitude is { } lat && s.Longitude is { } lon =>
            new PhotoSessionStep.Locate(lat, lon),
        PhotoSessionStatus.Pending when s.StorageLocationId is not null && s.Photo is { } photo => new PhotoSessionStep.BeginProcessing(photo),
        PhotoSessionStatus.Processing => new PhotoSessionStep.Process(),
        PhotoSessionStatus.Counted when s.AwaitsBooking => new PhotoSessionStep.BookCount(
            s.StorageLocationId!.Value,

            // As of when the photo was taken, not when processing ended: counts are ordered by photo.
            s.CapturedAt?.At ?? s.CreatedAt ?? DateTimeOffset.MinValue,
            s.Result!.Total,
            s.User ?? Stock.MovementDetails.Anonymous,
            CategoryCounts(s.Result)),
        PhotoSessionStatus.Completed when s.Validation is { Delivered: false } v && s.Result is { CalibrationKey: { } key } result =>
            new PhotoSessionStep.RecordCalibration(key, Calibration.CalibrationSample.From(s.SessionId, result, v.ValidatedTotal, v.At)),
        PhotoSessionStatus.Completed or PhotoSessionStatus.Failed or PhotoSessionStatus.NeedsLocation or PhotoSessionStatus.NeedsConfig =>
            new PhotoSessionStep.Rest(),
        _ => null,
    };

    /// <summary>
    /// What the count books per container category: the totals of the containers of each category, in the order first
    /// seen. Null when the result has no containers (the photo showed none, or it was counted before containers existed).
    /// </summary>
    public static IReadOnlyList<CategoryCount>? CategoryCounts(PhotoCountResult result) =>
        result.Containers is { Count: > 0 } containers
            ? containers.GroupBy(c => c.Category).Select(g => new CategoryCount(g.Key, g.Sum(c => c.Total))).ToList()
            : null;

    /// <summary>Whether <paramref name="start"/> could start a session over <paramref name="existing"/>: null if so, else why not.</summary>
    public static Rejection? StartConflict(PhotoSessionState existing, StartPhotoSession start) => Start(existing, start).Rejection;

    private static Decision<IPhotoSessionEvent> Assign(PhotoSessionState state, AssignStorageLocation c)
    {
        if (c.StorageLocationId <= 0)
        {
            return Decision<IPhotoSessionEvent>.Reject(InvalidInput, "A storage location id is a positive number.");
        }

        if (state.StorageLocationId is { } current)
        {
            return current == c.StorageLocationId
                ? Decision<IPhotoSessionEvent>.AlreadyDone()
                : Decision<IPhotoSessionEvent>.Reject(InvalidTransition, $"Photo session {c.SessionId} is already in storage location {current}.");
        }

        return state.Status == PhotoSessionStatus.NeedsLocation
            ? Decision<IPhotoSessionEvent>.Accept(new PhotoSessionLocated(c.SessionId, c.StorageLocationId, null, LocationMethods.Assigned, c.At))
            : Invalid(state, "assign a storage location to");
    }

    private static Decision<IPhotoSessionEvent> Locate(PhotoSessionState state, ResolveLocation c)
    {
        if (state.Status != PhotoSessionStatus.Pending || state.StorageLocationId is not null)
        {
            return Decision<IPhotoSessionEvent>.AlreadyDone();
        }

        return Decision<IPhotoSessionEvent>.Accept(c.StorageLocationId is { } id
            ? new PhotoSessionLocated(c.SessionId, id, c.DistanceM, c.Inside ? LocationMethods.GpsInside : LocationMethods.GpsNearest, c.At)
            : new PhotoSessionNeedsLocation(c.SessionId, "The photo's GPS position lies in no storage location (nor within 10 m of one).", c.At));
    }

    private static Decision<IPhotoSessionEvent> Invalid(PhotoSessionState state, string what) =>
        Decision<IPhotoSessionEvent>.Reject(InvalidTransition, $"Cannot {what} a session that is {state.Status}.");

    public static PhotoSessionState Evolve(PhotoSessionState state, IPhotoSessionEvent @event) => @event switch
    {
        PhotoSessionStarted e => state with
        {
            Status = PhotoSessionStatus.Pending,
            Photo = e.Photo,
            Latitude = e.Latitude,
            Longitude = e.Longitude,
            CapturedAt = e.CapturedAt,
            User = e.User,
            CreatedAt = e.At,
            GpsProblem = e.GpsProblem,
            TraceParent = e.TraceParent,
        },
        // A session that needed a location goes on from the start once it has one.
        PhotoSessionLocated e when state.Status == PhotoSessionStatus.NeedsLocation =>
            state with { StorageLocationId = e.StorageLocationId, Status = PhotoSessionStatus.Pending, Error = null },
        PhotoSessionLocated e => state with { StorageLocationId = e.StorageLocationId },
        PhotoSessionNeedsLocation e => state with { Status = PhotoSessionStatus.NeedsLocation, Error = e.Reason },
        PhotoProcessingStarted e => state with { Status = PhotoSessionStatus.Processing, StartedAt = e.At },
        PhotoSessionCounted e => state with { Status = PhotoSessionStatus.Counted, Result = e.Result },
        PhotoSessionCompleted e => state with { Status = PhotoSessionStatus.Completed, Booking = e.Booking, Error = e.Booking.Note, FinishedAt = e.At },
        PhotoSessionNeedsConfig e => state with { Status = PhotoSessionStatus.NeedsConfig, Booking = e.Booking, Error = e.Booking.Note },
        // A count with no calibration key (no config when counted) has nothing to deliver.
        PhotoCountValidated e => state with
        {
            Validation = new PhotoCountValidation(e.ValidatedTotal, e.Counted, e.Note, e.User, e.At, Delivered: state.Result?.CalibrationKey is null),
        },
        PhotoCountCalibrationRecorded e when state.Validation is { } v => state with
        {
            Validation = v with { Delivered = true, CalibrationVersion = e.Version, CalibrationRefusal = e.Refusal },
        },
        PhotoSessionFailed e => state with { Status = PhotoSessionStatus.Failed, Error = e.Reason, FinishedAt = e.At },
        PhotoSessionDeleted e => state with { Deletion = new PhotoSessionDeletion(e.User, e.At, e.Reason) },
        PhotoCountBookingRejected e => state with { Status = PhotoSessionStatus.Failed, Error = "The stock ledger refused the count: " + e.Reason, FinishedAt = e.At },

        // The photo and its location stay; the count and timings start over, and the failure goes to the history.
        PhotoSessionReprocessing e => state with
        {
            Status = PhotoSessionStatus.Pending,
            Attempt = e.Attempt,
            FailedAttempts = [.. state.FailedAttempts ?? [], new FailedAttempt(state.Attempt, e.PreviousError, state.FinishedAt ?? e.At)],
            Result = null,
            Booking = null,
            Error = null,
            StartedAt = null,
            FinishedAt = null,
        },
        _ => state,
    };
}
