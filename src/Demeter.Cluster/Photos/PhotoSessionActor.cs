using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Layout;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;

namespace Demeter.Cluster.Photos;

/// <summary>What a photo session needs from its node; <see cref="ProcessingSlots"/> bounds the photos processed at once.</summary>
/// <remarks>
/// <c>Sessions</c> is the sessions' own region, resolved when first needed (it is started with these dependencies);
/// <c>Calibrations</c> is the plant-size calibrations' region (none: counts use the default estimation parameters);
/// <c>LocalInference</c> is this node's inference worker, when it has the inference role.
/// </remarks>
public sealed record PhotoSessionDependencies(
    IActorRef StorageLocations, IActorRef Layout, IActorRef InferenceRouter, BlobStore Blobs, PhotoProcessingSettings Settings, int SnapshotEvery,
    Func<IActorRef>? Sessions = null,
    IActorRef? Calibrations = null,
    IActorRef? LocalInference = null)
{
    public SemaphoreSlim ProcessingSlots { get; } = new(Settings.MaxConcurrentPhotos, Settings.MaxConcurrentPhotos);
}

/// <summary>
/// One photo session. Besides persisting what <see cref="PhotoSessionDecider"/> decides, it drives the
/// session's next step after every change (and after recovery, so a crash resumes where it stopped):
/// locate the claro, run the processing graph in a child, then hand the count to the claro's ledger (an
/// idempotent saga step keyed by the session, retried until the claro has it). The claro books it as of the
/// capture time and tells the session when it is booked, superseded, or waiting for a config.
/// </summary>
public sealed class PhotoSessionActor : DeciderEntity<PhotoSessionState, IPhotoSessionCommand, IPhotoSessionEvent>, IWithTimers
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan BookingRecheck = TimeSpan.FromSeconds(10);
    private readonly PhotoSessionDependencies _deps;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private IActorRef? _processing;
    private bool _stepInFlight;
    private PhotoProcessingActor.TilesDone? _tiles;

    public PhotoSessionActor(Guid sessionId, PhotoSessionDependencies deps)
        : base(PersistenceIdFor(sessionId), PhotoSessionState.Empty(sessionId), deps.SnapshotEvery)
    {
        _deps = deps;
        Command<PhotoProcessingActor.TilesDone>(t => _tiles = t);
        Command<GetPhotoSessionProgress>(_ =>
        {
            var live = State.Status == PhotoSessionStatus.Processing ? _tiles : null;
            Sender.Tell(new PhotoSessionProgress(State, live?.Done, live?.Total));
        });
        Command<IPhotoSessionCommand>(c =>
        {
            Handle(c, Sender);
            if (c is not StartPhotoSession && !State.Exists)
            {
                // Asked about (or to change) a session that was never started: do not stay remembered for nothing.
                Context.Parent.Tell(new Passivate(StopEntity.Instance));
            }
        });
        Command<StorageLocationLookup>(l =>
        {
            _stepInFlight = false;
            var now = DateTimeOffset.UtcNow;
            Handle(new ResolveLocation(State.SessionId, l.StorageLocationId, l.DistanceM, l.Inside, now), null);
        });
        Command<PhotoProcessingActor.Succeeded>(s =>
        {
            _processing = null;
            Handle(new CompleteProcessing(State.SessionId, s.Result, DateTimeOffset.UtcNow), null);
        });
        Command<PhotoProcessingActor.Failed>(f =>
        {
            _processing = null;
            Handle(new FailProcessing(State.SessionId, f.Reason, DateTimeOffset.UtcNow), null);
        });
        Command<PhotoCountReply>(r =>
        {
            _stepInFlight = false;
            if (!r.Accepted)
            {
                // A rejection is permanent (the count itself is invalid): record it and stop retrying.
                _log.Error("Storage location {0} refused the count of session {1}: {2}", State.StorageLocationId, State.SessionId, r.RejectionReason);
                Handle(new RecordBookingRejection(State.SessionId, $"{r.RejectionCode}: {r.RejectionReason}", DateTimeOffset.UtcNow), null);
            }
            else if (r.Booking is { Status: PhotoCountStatus.Booked or PhotoCountStatus.Superseded or PhotoCountStatus.NeedsConfig } booking)
            {
                Handle(new MarkCountBooked(State.SessionId, booking, DateTimeOffset.UtcNow), null);
            }
            else
            {
                // The claro has the count and is booking it; it tells the session when done. Ask again later in
                // case that notice is lost.
                Timers.StartSingleTimer("retry", Retry.Instance, BookingRecheck);
            }
        });
        Command<CalibrationAnswered>(a =>
        {
            _stepInFlight = false;
            var r = a.Reply;
            Handle(new MarkCalibrationRecorded(
                State.SessionId, r.Key, a.Sample.ValidatedTotal, r.Accepted ? r.Calibration?.Version : null, r.Accepted ? null : $"{r.RejectionCode}: {r.RejectionReason}",
                DateTimeOffset.UtcNow, a.Sample.At), null);
        });
        Command<Status.Failure>(f =>
        {
            _stepInFlight = false;
            _log.Warning(f.Cause, "Step of session {0} failed; retrying in {1}", State.SessionId, RetryAfter);
            Timers.StartSingleTimer("retry", Retry.Instance, RetryAfter);
        });
        Command<Retry>(_ => Advance());
        Command<Step>(step => Handle(step.Command, null));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static string PersistenceIdFor(Guid sessionId) => $"photo-session-{sessionId:N}";

    public static Props Props(Guid sessionId, PhotoSessionDependencies deps) =>
        Akka.Actor.Props.Create(() => new PhotoSessionActor(sessionId, deps));

    protected override Decision<IPhotoSessionEvent> Decide(PhotoSessionState state, IPhotoSessionCommand command) =>
        PhotoSessionDecider.Decide(state, command);

    protected override PhotoSessionState Evolve(PhotoSessionState state, IPhotoSessionEvent @event) =>
        PhotoSessionDecider.Evolve(state, @event);

    protected override object Reply(IPhotoSessionCommand command, Decision<IPhotoSessionEvent> decision, PhotoSessionState state) =>
        new PhotoSessionReply(decision.Accepted, decision.Rejection?.Code, decision.Rejection?.Reason, state);

    protected override void OnReplaySuccess() => Advance();

    // The region holds messages for an entity that is passivating and starts it again for them once it has stopped.
    protected override void BeforePassivationStop()
    {
        if (PhotoSessionDecider.Next(State) is not (null or PhotoSessionStep.Rest))
        {
            _deps.Sessions?.Invoke().Tell(new GetPhotoSession(State.SessionId));
        }
    }

    protected override void OnPersisted(IReadOnlyList<IPhotoSessionEvent> events) => Advance();

    private void Advance()
    {
        if (_stepInFlight)
        {
            return;
        }

        var s = State;
        switch (PhotoSessionDecider.Next(s))
        {
            case PhotoSessionStep.Locate locate:
                _stepInFlight = true;
                _deps.Layout.Ask<StorageLocationLookup>(new LocateStorageLocation(locate.Latitude, locate.Longitude), StepTimeout).PipeTo(Self);
                break;
            case PhotoSessionStep.BeginProcessing begin:
                var tiles = (int)TilePlanner.Count(begin.Photo.WidthPx, begin.Photo.HeightPx, _deps.Settings.TileSizePx, _deps.Settings.TileOverlap);
                Self.Tell(new Step(new BeginProcessing(s.SessionId, tiles, DateTimeOffset.UtcNow)));
                break;
            case PhotoSessionStep.Process when _processing is null:
                _processing = Context.ActorOf(PhotoProcessingActor.Props(s, _deps), "processing");
                break;
            case PhotoSessionStep.BookCount book:
                _stepInFlight = true;
                _deps.StorageLocations.Ask<PhotoCountReply>(
                        new BookPhotoCount(book.StorageLocationId, s.SessionId, book.CapturedAt, book.Total, book.User, DateTimeOffset.UtcNow, book.Categories), StepTimeout)
                    .PipeTo(Self);
                break;
            case PhotoSessionStep.RecordCalibration record when _deps.Calibrations is { } calibrations:
                _stepInFlight = true;
                calibrations.Ask<PlantSizeCalibrationReply>(new RecordCalibrationSample(record.Key, record.Sample), StepTimeout)
                    .PipeTo(Self, success: reply => new CalibrationAnswered(record.Sample, reply));
                break;
            case PhotoSessionStep.Rest:
                // Nothing left to drive: leave memory (and the remembered-entities set) until asked again.
                Context.Parent.Tell(new Passivate(StopEntity.Instance));
                break;
        }
    }

    /// <summary>
    /// A command the session gives itself. It goes through the mailbox rather than being handled inside the
    /// callback of the previous persist: persisting from within a DeferAsync callback left the actor stashing
    /// every later message (seen with the processing child's result).
    /// </summary>
    private sealed record Step(IPhotoSessionCommand Command);

    /// <summary>The calibration's answer to the sample of one validation (the session may have been validated again since).</summary>
    private sealed record CalibrationAnswered(CalibrationSample Sample, PlantSizeCalibrationReply Reply);

    private sealed class Retry
    {
        public static readonly Retry Instance = new();
    }
}

/// <summary>What a photo session answers: the outcome of the command and the session as it now is.</summary>
[Manifest("photo.session-reply.v1")]
public sealed record PhotoSessionReply(bool Accepted, string? RejectionCode, string? RejectionReason, PhotoSessionState Session) : IDemeterMessage;
