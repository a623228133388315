using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.StorageLocations;

namespace Demeter.Domain.Tests.Photos.Sessions;

public sealed class PhotoSessionDeciderTests
{
    private const int Claro = 15;

    private static readonly Guid Session = Guid.Parse("3f2b8c9a-1d4e-4f5a-8b6c-7d8e9f0a1b2c");
    private static readonly Guid Batch = Guid.Parse("00000000-0000-4000-8000-0000000000b1");
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = At.AddMinutes(2);
    private static readonly PhotoRef Photo = new("blob-0001", "image/jpeg", 4_200_000, 4000, 3000);
    private static readonly PhotoCountResult Result =
        new(120, 30, 12, 0.81, new PhotoTimings(35, 900, 1100), "yolo-plants", "ab12cd34");
    private static readonly CaptureTime Captured = new(At.AddMinutes(-30), CaptureTimeSource.Exif, null);
    private static readonly PhotoCountBooking Booking = new(
        PhotoCountStatus.Booked, Captured.At, 150, 160, 10, 0, 0, null, [new PhotoCountBatchResult(Batch, 160, -10, Demeter.Domain.Stock.MovementType.Ventas, 0, false)]);
    private static readonly PhotoCountBooking WaitingForConfig = new(PhotoCountStatus.NeedsConfig, Captured.At, 150, 0, 0, 0, 0, "two batches, no config", []);

    // ---- past events ----

    private static PhotoSessionStarted Started(int? claro = null, double? lat = null, double? lon = null) =>
        new(Session, Photo, claro, lat, lon, Captured, "anonymous", At);

    private static PhotoSessionLocated Located(string method = "explicit", double? distanceM = null) =>
        new(Session, Claro, distanceM, method, At);

    private static readonly PhotoSessionNeedsLocation NeedsLocation = new(Session, "no location", At);
    private static readonly PhotoProcessingStarted Processing = new(Session, 12, At);
    private static readonly PhotoSessionCounted Counted = new(Session, Result, Later);
    private static readonly PhotoSessionFailed Failed = new(Session, "decoder crashed", Later);
    private static readonly PhotoSessionCompleted Booked = new(Session, Booking, Later);

    private static PhotoSessionState Given(params IPhotoSessionEvent[] events) =>
        events.Aggregate(PhotoSessionState.Empty(Session), PhotoSessionDecider.Evolve);

    private static PhotoSessionState PendingLocated() => Given(Started(Claro), Located());
    private static PhotoSessionState PendingWithGpsOnly() => Given(Started(null, -34.6, -58.4));
    private static PhotoSessionState InNeedOfLocation() => Given(Started(), NeedsLocation);
    private static PhotoSessionState InProcessing() => Given(Started(Claro), Located(), Processing);
    private static PhotoSessionState CompletedUnbooked() => Given(Started(Claro), Located(), Processing, Counted);
    private static PhotoSessionState CompletedBooked() => Given(Started(Claro), Located(), Processing, Counted, Booked);
    private static PhotoSessionState FailedInProcessing() => Given(Started(Claro), Located(), Processing, Failed);

    private static Decision<IPhotoSessionEvent> When(PhotoSessionState state, IPhotoSessionCommand command) =>
        PhotoSessionDecider.Decide(state, command);

    private static StartPhotoSession Start(int? claro = null, double? lat = null, double? lon = null, PhotoRef? photo = null) =>
        new(Session, photo ?? Photo, claro, lat, lon, Captured, "anonymous", At);

    internal static void AssertRejected(Decision<IPhotoSessionEvent> decision, string code)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(code, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
    }

    internal static void AssertAlreadyDone(Decision<IPhotoSessionEvent> decision)
    {
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    private static PhotoSessionState Then(PhotoSessionState given, Decision<IPhotoSessionEvent> decision) =>
        decision.Events.Aggregate(given, PhotoSessionDecider.Evolve);

    // ---- start ----

    [Fact]
    public void Starting_with_an_explicit_location_is_started_and_located()
    {
        var decision = When(Given(), Start(Claro));

        IPhotoSessionEvent[] expected = [Started(Claro), Located()];
        Assert.Equal(expected, decision.Events);
        var state = Then(Given(), decision);
        Assert.Equal(PhotoSessionStatus.Pending, state.Status);
        Assert.Equal(Claro, state.StorageLocationId);
        Assert.Equal(Photo, state.Photo);
        Assert.Equal(At, state.CreatedAt);
    }

    [Fact]
    public void Starting_with_an_explicit_location_and_gps_keeps_the_gps_but_uses_the_explicit_location()
    {
        var decision = When(Given(), Start(Claro, -34.6, -58.4));

        IPhotoSessionEvent[] expected = [Started(Claro, -34.6, -58.4), Located()];
        Assert.Equal(expected, decision.Events);
        var state = Then(Given(), decision);
        Assert.Equal(-34.6, state.Latitude);
        Assert.Equal(-58.4, state.Longitude);
        Assert.Equal(Claro, state.StorageLocationId);
    }

    [Fact]
    public void Starting_without_gps_or_location_needs_a_location()
    {
        var decision = When(Given(), Start());

        Assert.Equal(2, decision.Events.Count);
        Assert.Equal(Started(), decision.Events[0]);
        Assert.IsType<PhotoSessionNeedsLocation>(decision.Events[1]);
        var state = Then(Given(), decision);
        Assert.Equal(PhotoSessionStatus.NeedsLocation, state.Status);
        Assert.Null(state.StorageLocationId);
        Assert.False(string.IsNullOrWhiteSpace(state.Error));
        Assert.True(state.Exists);
    }

    [Fact]
    public void Starting_with_gps_only_stays_pending_until_the_location_is_resolved()
    {
        var decision = When(Given(), Start(null, -34.6, -58.4));

        IPhotoSessionEvent[] expected = [Started(null, -34.6, -58.4)];
        Assert.Equal(expected, decision.Events);
        var state = Then(Given(), decision);
        Assert.Equal(PhotoSessionStatus.Pending, state.Status);
        Assert.Null(state.StorageLocationId);
    }

    [Theory]
    [InlineData(-90.0001)]
    [InlineData(90.5)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void A_latitude_outside_minus_90_to_90_is_rejected(double latitude)
    {
        AssertRejected(When(Given(), Start(null, latitude, 0)), PhotoSessionDecider.InvalidInput);
    }

    [Theory]
    [InlineData(-180.0001)]
    [InlineData(181)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_longitude_outside_minus_180_to_180_is_rejected(double longitude)
    {
        AssertRejected(When(Given(), Start(null, 0, longitude)), PhotoSessionDecider.InvalidInput);
    }

    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    [InlineData(0, 0)]
    public void Coordinates_on_the_range_bounds_are_accepted(double latitude, double longitude)
    {
        var decision = When(Given(), Start(null, latitude, longitude));

        Assert.True(decision.Accepted);
        Assert.Single(decision.Events);
    }

    [Theory]
    [InlineData(-34.6, null)]
    [InlineData(null, -58.4)]
    public void Latitude_and_longitude_must_come_together(double? latitude, double? longitude)
    {
        AssertRejected(When(Given(), Start(null, latitude, longitude)), PhotoSessionDecider.InvalidInput);
        AssertRejected(When(Given(), Start(Claro, latitude, longitude)), PhotoSessionDecider.InvalidInput);
    }

    [Theory]
    [InlineData("", 4000, 3000)]
    [InlineData("   ", 4000, 3000)]
    [InlineData("blob", 0, 3000)]
    [InlineData("blob", 4000, 0)]
    [InlineData("blob", -1, 3000)]
    public void An_incomplete_photo_reference_is_rejected(string blobId, int widthPx, int heightPx)
    {
        var photo = new PhotoRef(blobId, "image/jpeg", 1000, widthPx, heightPx);

        AssertRejected(When(Given(), Start(Claro, photo: photo)), PhotoSessionDecider.InvalidInput);
    }

    [Fact]
    public void Starting_the_same_session_again_with_the_same_photo_is_already_done()
    {
        AssertAlreadyDone(When(PendingLocated(), Start(Claro)));
        AssertAlreadyDone(When(InNeedOfLocation(), Start()));
        AssertAlreadyDone(When(CompletedBooked(), Start(Claro)));
    }

    [Fact]
    public void Starting_an_existing_session_with_another_photo_is_rejected()
    {
        var other = Photo with { BlobId = "blob-0002" };

        AssertRejected(When(PendingLocated(), Start(Claro, photo: other)), PhotoSessionDecider.InvalidTransition);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Starting_with_a_non_positive_storage_location_is_rejected(int claro)
    {
        AssertRejected(When(Given(), Start(claro)), PhotoSessionDecider.InvalidInput);
    }

    // ---- locate ----

    [Fact]
    public void Resolving_a_gps_session_to_a_claro_locates_it()
    {
        var given = PendingWithGpsOnly();

        var decision = When(given, new ResolveLocation(Session, Claro, 3.5, Inside: true, Later));

        IPhotoSessionEvent[] expected = [new PhotoSessionLocated(Session, Claro, 3.5, LocationMethods.GpsInside, Later)];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(PhotoSessionStatus.Pending, state.Status);
        Assert.Equal(Claro, state.StorageLocationId);
    }

    [Fact]
    public void Resolving_a_gps_session_to_no_claro_needs_a_location()
    {
        var given = PendingWithGpsOnly();

        var decision = When(given, new ResolveLocation(Session, null, null, Inside: false, Later));

        Assert.IsType<PhotoSessionNeedsLocation>(Assert.Single(decision.Events));
        Assert.Equal(PhotoSessionStatus.NeedsLocation, Then(given, decision).Status);
    }

    [Fact]
    public void Resolving_a_session_that_already_has_a_location_is_already_done()
    {
        AssertAlreadyDone(When(PendingLocated(), new ResolveLocation(Session, Claro + 1, 1, Inside: false, Later)));
        AssertAlreadyDone(When(InProcessing(), new ResolveLocation(Session, Claro + 1, 1, Inside: false, Later)));
    }

    [Fact]
    public void A_session_that_needs_a_location_takes_one_given_later_and_starts_over()
    {
        var given = InNeedOfLocation();

        var decision = When(given, new AssignStorageLocation(Session, Claro, "anonymous", Later));

        IPhotoSessionEvent[] expected = [new PhotoSessionLocated(Session, Claro, null, LocationMethods.Assigned, Later)];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal((PhotoSessionStatus.Pending, Claro, (string?)null), (state.Status, state.StorageLocationId, state.Error));
        Assert.Equal(new PhotoSessionStep.BeginProcessing(Photo), PhotoSessionDecider.Next(state));
        AssertAlreadyDone(When(state, new AssignStorageLocation(Session, Claro, "anonymous", Later)));
        AssertRejected(When(state, new AssignStorageLocation(Session, Claro + 1, "anonymous", Later)), PhotoSessionDecider.InvalidTransition);
    }

    [Fact]
    public void Only_a_session_that_needs_a_location_can_be_given_one()
    {
        AssertRejected(When(PendingWithGpsOnly(), new AssignStorageLocation(Session, Claro, "anonymous", Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(CompletedBooked(), new AssignStorageLocation(Session, Claro + 1, "anonymous", Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(InNeedOfLocation(), new AssignStorageLocation(Session, 0, "anonymous", Later)), PhotoSessionDecider.InvalidInput);
        AssertRejected(When(PhotoSessionState.Empty(Session), new AssignStorageLocation(Session, Claro, "anonymous", Later)), PhotoSessionDecider.NotFound);
    }

    [Fact]
    public void The_next_step_follows_from_the_state_alone()
    {
        Assert.Null(PhotoSessionDecider.Next(PhotoSessionState.Empty(Session)));
        Assert.Equal(new PhotoSessionStep.Locate(-34.6, -58.4), PhotoSessionDecider.Next(PendingWithGpsOnly()));
        Assert.Equal(new PhotoSessionStep.BeginProcessing(Photo), PhotoSessionDecider.Next(PendingLocated()));
        Assert.Equal(new PhotoSessionStep.Process(), PhotoSessionDecider.Next(InProcessing()));
        Assert.Equal(new PhotoSessionStep.BookCount(Claro, Captured.At, Result.Total, "anonymous"), PhotoSessionDecider.Next(CompletedUnbooked()));
        Assert.All(
            new[] { CompletedBooked(), FailedInProcessing(), InNeedOfLocation() },
            s => Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(s)));
    }

    [Fact]
    public void Starting_again_with_the_same_photo_is_no_conflict_but_another_photo_is()
    {
        Assert.Null(PhotoSessionDecider.StartConflict(PendingLocated(), Start(Claro)));
        Assert.Equal(PhotoSessionDecider.InvalidTransition, PhotoSessionDecider.StartConflict(PendingLocated(), Start(Claro, photo: Photo with { BlobId = "blob-0002" }))?.Code);
    }

    [Fact]
    public void A_failed_session_runs_again_as_a_new_attempt_and_keeps_the_failure()
    {
        var given = FailedInProcessing();

        var decision = When(given, new ReprocessPhotoSession(Session, "operator", Later.AddMinutes(5)));

        IPhotoSessionEvent[] expected = [new PhotoSessionReprocessing(Session, 2, "decoder crashed", "operator", Later.AddMinutes(5))];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal((PhotoSessionStatus.Pending, 2, Claro, (string?)null), (state.Status, state.Attempt, state.StorageLocationId, state.Error));
        Assert.Equal([new FailedAttempt(1, "decoder crashed", Later)], state.FailedAttempts!);
        Assert.Null(state.Result);
        Assert.Equal(new PhotoSessionStep.BeginProcessing(Photo), PhotoSessionDecider.Next(state));
        AssertRejected(When(state, new ReprocessPhotoSession(Session, "operator", Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(CompletedBooked(), new ReprocessPhotoSession(Session, "operator", Later)), PhotoSessionDecider.InvalidTransition);
    }

    // ---- processing ----

    [Fact]
    public void Beginning_processing_of_a_located_pending_session_starts_it()
    {
        var given = PendingLocated();

        var decision = When(given, new BeginProcessing(Session, 12, Later));

        IPhotoSessionEvent[] expected = [new PhotoProcessingStarted(Session, 12, Later)];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(PhotoSessionStatus.Processing, state.Status);
        Assert.Equal(Later, state.StartedAt);
    }

    [Fact]
    public void Beginning_processing_without_a_location_is_rejected()
    {
        AssertRejected(When(PendingWithGpsOnly(), new BeginProcessing(Session, 12, Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(InNeedOfLocation(), new BeginProcessing(Session, 12, Later)), PhotoSessionDecider.InvalidTransition);
    }

    [Fact]
    public void Beginning_processing_of_a_finished_session_is_rejected()
    {
        AssertRejected(When(CompletedUnbooked(), new BeginProcessing(Session, 12, Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(FailedInProcessing(), new BeginProcessing(Session, 12, Later)), PhotoSessionDecider.InvalidTransition);
    }

    [Fact]
    public void Beginning_processing_twice_is_already_done()
    {
        AssertAlreadyDone(When(InProcessing(), new BeginProcessing(Session, 12, Later)));
    }

    [Fact]
    public void Counting_a_processing_session_records_the_result_and_awaits_booking_before_it_is_completed()
    {
        var given = InProcessing();

        var decision = When(given, new CompleteProcessing(Session, Result, Later));

        IPhotoSessionEvent[] expected = [new PhotoSessionCounted(Session, Result, Later)];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(PhotoSessionStatus.Counted, state.Status);
        Assert.Equal(Result, state.Result);
        Assert.Equal(150, state.Result!.Total);
        Assert.Null(state.FinishedAt);
        Assert.True(state.AwaitsBooking);
    }

    [Theory]
    [InlineData(-1, 0)]
    [InlineData(0, -1)]
    public void Completing_with_negative_counts_is_rejected(int detected, int estimated)
    {
        var result = Result with { Detected = detected, Estimated = estimated };

        AssertRejected(When(InProcessing(), new CompleteProcessing(Session, result, Later)), PhotoSessionDecider.InvalidInput);
    }

    [Fact]
    public void Completing_a_session_that_is_not_processing_is_rejected()
    {
        AssertRejected(When(PendingLocated(), new CompleteProcessing(Session, Result, Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(InNeedOfLocation(), new CompleteProcessing(Session, Result, Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(FailedInProcessing(), new CompleteProcessing(Session, Result, Later)), PhotoSessionDecider.InvalidTransition);
    }

    [Fact]
    public void Completing_twice_is_already_done()
    {
        AssertAlreadyDone(When(CompletedUnbooked(), new CompleteProcessing(Session, Result, Later)));
    }

    [Fact]
    public void Failing_a_pending_or_processing_session_fails_it_with_the_reason()
    {
        foreach (var given in new[] { PendingLocated(), PendingWithGpsOnly(), InProcessing() })
        {
            var decision = When(given, new FailProcessing(Session, "model missing", Later));

            IPhotoSessionEvent[] expected = [new PhotoSessionFailed(Session, "model missing", Later)];
            Assert.Equal(expected, decision.Events);
            var state = Then(given, decision);
            Assert.Equal(PhotoSessionStatus.Failed, state.Status);
            Assert.Equal("model missing", state.Error);
            Assert.Equal(Later, state.FinishedAt);
            Assert.False(state.AwaitsBooking);
        }
    }

    [Fact]
    public void Failing_twice_is_already_done()
    {
        AssertAlreadyDone(When(FailedInProcessing(), new FailProcessing(Session, "again", Later)));
    }

    [Fact]
    public void Failing_a_counted_or_completed_session_is_rejected()
    {
        AssertRejected(When(CompletedUnbooked(), new FailProcessing(Session, "late", Later)), PhotoSessionDecider.InvalidTransition);
        AssertRejected(When(CompletedBooked(), new FailProcessing(Session, "late", Later)), PhotoSessionDecider.InvalidTransition);
    }

    // ---- booking ----

    [Fact]
    public void A_booked_count_completes_the_session_with_its_booking()
    {
        var given = CompletedUnbooked();

        var decision = When(given, new MarkCountBooked(Session, Booking, Later));

        IPhotoSessionEvent[] expected = [Booked];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(Booking, state.Booking);
        Assert.False(state.AwaitsBooking);
        Assert.Equal(PhotoSessionStatus.Completed, state.Status);
        Assert.Equal(Later, state.FinishedAt);
    }

    [Fact]
    public void A_superseded_count_completes_the_session_too_and_says_why()
    {
        var superseded = Booking with { Status = PhotoCountStatus.Superseded, Note = "older than the latest count", Batches = [] };

        var state = Then(CompletedUnbooked(), When(CompletedUnbooked(), new MarkCountBooked(Session, superseded, Later)));

        Assert.Equal(PhotoSessionStatus.Completed, state.Status);
        Assert.Equal("older than the latest count", state.Error);
    }

    [Fact]
    public void A_count_waiting_for_a_config_leaves_the_session_needing_config_until_the_claro_books_it()
    {
        var waiting = Then(CompletedUnbooked(), When(CompletedUnbooked(), new MarkCountBooked(Session, WaitingForConfig, Later)));
        Assert.Equal(PhotoSessionStatus.NeedsConfig, waiting.Status);
        Assert.False(waiting.AwaitsBooking);
        AssertAlreadyDone(When(waiting, new MarkCountBooked(Session, WaitingForConfig, Later)));

        var booked = Then(waiting, When(waiting, new MarkCountBooked(Session, Booking, Later.AddHours(1))));

        Assert.Equal(PhotoSessionStatus.Completed, booked.Status);
        Assert.Equal(Booking, booked.Booking);
    }

    [Fact]
    public void A_booking_still_in_progress_changes_nothing()
    {
        AssertAlreadyDone(When(CompletedUnbooked(), new MarkCountBooked(Session, Booking with { Status = PhotoCountStatus.Allocated }, Later)));
    }

    [Fact]
    public void Marking_the_count_booked_twice_is_already_done()
    {
        AssertAlreadyDone(When(CompletedBooked(), new MarkCountBooked(Session, Booking, Later)));
    }

    [Fact]
    public void Marking_the_count_booked_before_it_is_counted_is_rejected()
    {
        foreach (var given in new[] { PendingLocated(), PendingWithGpsOnly(), InNeedOfLocation(), InProcessing(), FailedInProcessing() })
        {
            Assert.False(given.AwaitsBooking);
            AssertRejected(When(given, new MarkCountBooked(Session, Booking, Later)), PhotoSessionDecider.InvalidTransition);
        }
    }

    [Fact]
    public void A_refused_booking_fails_the_session_with_the_reason_and_a_late_one_changes_nothing()
    {
        var failed = Then(CompletedUnbooked(), When(CompletedUnbooked(), new RecordBookingRejection(Session, "invalid-quantity: negative", Later)));

        Assert.Equal(PhotoSessionStatus.Failed, failed.Status);
        Assert.Contains("invalid-quantity", failed.Error);
        AssertAlreadyDone(When(CompletedBooked(), new RecordBookingRejection(Session, "late", Later)));
    }

    // ---- unknown session / queries ----

    [Fact]
    public void Commands_on_an_unknown_session_are_rejected_as_not_found()
    {
        IPhotoSessionCommand[] commands =
        [
            new ResolveLocation(Session, Claro, 1, Inside: false, At),
            new BeginProcessing(Session, 12, At),
            new CompleteProcessing(Session, Result, At),
            new FailProcessing(Session, "x", At),
            new MarkCountBooked(Session, Booking, At),
        ];

        foreach (var command in commands)
        {
            AssertRejected(When(Given(), command), PhotoSessionDecider.NotFound);
        }
    }

    [Fact]
    public void Reading_a_session_persists_nothing()
    {
        AssertAlreadyDone(When(Given(), new GetPhotoSession(Session)));
        AssertAlreadyDone(When(CompletedBooked(), new GetPhotoSession(Session)));
    }

    [Fact]
    public void The_happy_path_walks_pending_processing_counted_completed()
    {
        var state = PhotoSessionState.Empty(Session);
        Assert.False(state.Exists);
        Assert.Equal(PhotoSessionStatus.None, state.Status);

        IPhotoSessionCommand[] commands =
        [
            Start(null, -34.6, -58.4),
            new ResolveLocation(Session, Claro, 2, Inside: true, At),
            new BeginProcessing(Session, 12, At),
            new CompleteProcessing(Session, Result, Later),
            new MarkCountBooked(Session, Booking, Later),
        ];
        PhotoSessionStatus[] statuses =
        [
            PhotoSessionStatus.Pending, PhotoSessionStatus.Pending, PhotoSessionStatus.Processing,
            PhotoSessionStatus.Counted, PhotoSessionStatus.Completed,
        ];

        for (var i = 0; i < commands.Length; i++)
        {
            var decision = When(state, commands[i]);
            Assert.True(decision.Accepted, decision.Rejection?.Reason);
            Assert.NotEmpty(decision.Events);
            state = Then(state, decision);
            Assert.Equal(statuses[i], state.Status);
        }

        Assert.Equal(Claro, state.StorageLocationId);
        Assert.Equal(Booking, state.Booking);
        Assert.Equal(Captured, state.CapturedAt);
    }
}
