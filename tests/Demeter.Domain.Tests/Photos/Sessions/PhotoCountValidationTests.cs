using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Tests.Photos.Calibration;
using static Demeter.Domain.Tests.Photos.Sessions.PhotoSessionDeciderTests;

namespace Demeter.Domain.Tests.Photos.Sessions;

public sealed class PhotoCountValidationTests
{
    private const int Claro = 15;
    private const string Supervisor = "supervisor";

    private static readonly string Key = CalibrationKey.For(7, 3);
    private static readonly Guid Session = Guid.Parse("3f2b8c9a-1d4e-4f5a-8b6c-7d8e9f0a1b2c");
    private static readonly Guid Batch = Guid.Parse("00000000-0000-4000-8000-0000000000b1");
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 0, TimeSpan.FromHours(-3));
    private static readonly DateTimeOffset Later = At.AddMinutes(2);
    private static readonly DateTimeOffset ValidatedAt = At.AddHours(3);
    private static readonly PhotoRef Photo = new("blob-0001", "image/jpeg", 4_200_000, 4000, 3000);
    private static readonly CaptureTime Captured = new(At.AddMinutes(-30), CaptureTimeSource.Exif, null);

    /// <summary>Detected 100 + estimated 12 = 112; hidden units 4.1 and measured size 2333.33 (see <see cref="CalibrationSampleTests"/>).</summary>
    private static readonly PhotoCountResult Result = CalibrationSampleTests.TwoContainers(Key);

    private static readonly PhotoCountResult ResultWithoutKey = CalibrationSampleTests.TwoContainers();

    private static readonly PhotoCountBooking Booking = new(
        PhotoCountStatus.Booked, Captured.At, 112, 120, 8, 0, 0, null, [new PhotoCountBatchResult(Batch, 120, -8, Demeter.Domain.Stock.MovementType.Ventas, 0, false)]);

    private static readonly PhotoCountBooking WaitingForConfig = new(PhotoCountStatus.NeedsConfig, Captured.At, 112, 0, 0, 0, 0, "two batches, no config", []);

    // ---- past events ----

    private static readonly PhotoSessionStarted Started = new(Session, Photo, Claro, null, null, Captured, "anonymous", At);
    private static readonly PhotoSessionLocated Located = new(Session, Claro, null, LocationMethods.Explicit, At);
    private static readonly PhotoProcessingStarted Processing = new(Session, 12, At);
    private static readonly PhotoSessionCompleted Booked = new(Session, Booking, Later);

    private static PhotoSessionCounted Counted(PhotoCountResult result) => new(Session, result, Later);

    private static PhotoCountValidated Validated(int total, string? note = null, DateTimeOffset? at = null, int counted = 112) =>
        new(Session, total, counted, note, Supervisor, at ?? ValidatedAt);

    private static PhotoSessionState Given(params IPhotoSessionEvent[] events) =>
        events.Aggregate(PhotoSessionState.Empty(Session), PhotoSessionDecider.Evolve);

    private static PhotoSessionState Completed(PhotoCountResult? result = null) => Given(Started, Located, Processing, Counted(result ?? Result), Booked);

    private static Decision<IPhotoSessionEvent> When(PhotoSessionState state, IPhotoSessionCommand command) =>
        PhotoSessionDecider.Decide(state, command);

    private static PhotoSessionState Then(PhotoSessionState given, Decision<IPhotoSessionEvent> decision) =>
        decision.Events.Aggregate(given, PhotoSessionDecider.Evolve);

    private static ValidatePhotoCount Validate(int total, string? note = null, DateTimeOffset? at = null) =>
        new(Session, total, note, Supervisor, at ?? ValidatedAt);

    private static MarkCalibrationRecorded Recorded(int validatedTotal, int? version = 1, string? refusal = null) =>
        new(Session, Key, validatedTotal, version, refusal, ValidatedAt.AddSeconds(5));

    // ---- validating ----

    [Fact]
    public void Only_a_completed_session_can_be_validated()
    {
        var notCompleted = new[]
        {
            Given(Started, Located),
            Given(Started, Located, Processing),
            Given(Started, Located, Processing, Counted(Result)),
            Given(Started, Located, Processing, new PhotoSessionFailed(Session, "decoder crashed", Later)),
            Given(Started, Located, Processing, Counted(Result), new PhotoSessionNeedsConfig(Session, WaitingForConfig, Later)),
            Given(Started with { StorageLocationId = null }, new PhotoSessionNeedsLocation(Session, "no location", At)),
        };

        Assert.All(notCompleted, s => AssertRejected(When(s, Validate(110)), PhotoSessionDecider.InvalidTransition));
    }

    [Fact]
    public void Validating_an_unknown_session_is_not_found()
    {
        AssertRejected(When(Given(), Validate(110)), PhotoSessionDecider.NotFound);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(10_000_001)]
    [InlineData(int.MaxValue)]
    public void A_validated_count_outside_0_to_10_million_is_rejected(int total)
    {
        AssertRejected(When(Completed(), Validate(total)), PhotoSessionDecider.InvalidInput);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_000)]
    public void A_validated_count_on_the_bounds_is_accepted(int total)
    {
        var decision = When(Completed(), Validate(total));

        IPhotoSessionEvent[] expected = [Validated(total)];
        Assert.Equal(expected, decision.Events);
    }

    [Fact]
    public void A_note_over_1000_characters_is_rejected_and_one_of_1000_is_accepted()
    {
        AssertRejected(When(Completed(), Validate(110, new string('n', 1001))), PhotoSessionDecider.InvalidInput);

        var note = new string('n', 1000);
        IPhotoSessionEvent[] expected = [Validated(110, note)];
        Assert.Equal(expected, When(Completed(), Validate(110, note)).Events);
    }

    [Fact]
    public void Validating_a_completed_session_records_the_validated_and_the_counted_total()
    {
        var given = Completed();

        var decision = When(given, Validate(110, "two trays hidden"));

        // Counted = the result's total, 100 detected + 12 estimated = 112.
        IPhotoSessionEvent[] expected = [new PhotoCountValidated(Session, 110, 112, "two trays hidden", Supervisor, ValidatedAt)];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(new PhotoCountValidation(110, 112, "two trays hidden", Supervisor, ValidatedAt), state.Validation);
        Assert.False(state.Validation!.Delivered);
        Assert.Equal(PhotoSessionStatus.Completed, state.Status);
    }

    [Fact]
    public void The_same_validation_again_changes_nothing()
    {
        var given = Then(Completed(), When(Completed(), Validate(110, "ok")));

        AssertAlreadyDone(When(given, Validate(110, "ok")));
        AssertAlreadyDone(When(given, Validate(110, "ok", ValidatedAt.AddMinutes(1))));
    }

    [Fact]
    public void Another_total_or_another_note_is_a_new_validation()
    {
        var given = Then(Completed(), When(Completed(), Validate(110, "ok")));

        IPhotoSessionEvent[] corrected = [Validated(118, "ok", Later)];
        Assert.Equal(corrected, When(given, Validate(118, "ok", Later)).Events);

        IPhotoSessionEvent[] renoted = [Validated(110, "recounted by hand", Later)];
        Assert.Equal(renoted, When(given, Validate(110, "recounted by hand", Later)).Events);
    }

    // ---- delivering to the calibration ----

    [Fact]
    public void A_validated_count_with_a_calibration_key_is_owed_to_the_calibration()
    {
        var state = Given(Started, Located, Processing, Counted(Result), Booked, Validated(110));

        // The sample of Result validated as 110: detected 100, estimated 12, units 4.1, measured 2333.33.
        var expected = new PhotoSessionStep.RecordCalibration(Key, new CalibrationSample(Session, 110, 100, 12, 4.1, 2333.33, ValidatedAt));
        Assert.Equal(expected, PhotoSessionDecider.Next(state));
    }

    [Fact]
    public void A_validated_count_without_a_calibration_key_is_delivered_at_once()
    {
        var state = Given(Started, Located, Processing, Counted(ResultWithoutKey), Booked, Validated(110));

        Assert.True(state.Validation!.Delivered);
        Assert.Null(state.Validation.CalibrationVersion);
        Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(state));
    }

    [Fact]
    public void The_calibration_recording_the_sample_delivers_the_validation()
    {
        var given = Given(Started, Located, Processing, Counted(Result), Booked, Validated(110));

        var decision = When(given, Recorded(110, version: 4));

        IPhotoSessionEvent[] expected = [new PhotoCountCalibrationRecorded(Session, Key, 4, null, ValidatedAt.AddSeconds(5))];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(new PhotoCountValidation(110, 112, null, Supervisor, ValidatedAt, Delivered: true, CalibrationVersion: 4), state.Validation);
        Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(state));
        AssertAlreadyDone(When(state, Recorded(110, version: 4)));
    }

    [Fact]
    public void The_calibration_refusing_the_sample_delivers_the_validation_with_the_refusal()
    {
        var given = Given(Started, Located, Processing, Counted(Result), Booked, Validated(110));

        var state = Then(given, When(given, Recorded(110, version: null, refusal: PlantSizeCalibrationDecider.InvalidSample)));

        Assert.True(state.Validation!.Delivered);
        Assert.Null(state.Validation.CalibrationVersion);
        Assert.Equal(PlantSizeCalibrationDecider.InvalidSample, state.Validation.CalibrationRefusal);
        Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(state));
    }

    [Fact]
    public void A_reply_about_an_earlier_validation_changes_nothing()
    {
        var given = Given(Started, Located, Processing, Counted(Result), Booked, Validated(110), Validated(118, at: Later));

        AssertAlreadyDone(When(given, Recorded(110)));
        var step = Assert.IsType<PhotoSessionStep.RecordCalibration>(PhotoSessionDecider.Next(given));
        Assert.Equal(118, step.Sample.ValidatedTotal);
    }

    [Fact]
    public void A_reply_without_a_validation_changes_nothing()
    {
        AssertAlreadyDone(When(Completed(), Recorded(110)));
    }

    [Fact]
    public void A_correction_after_delivery_is_owed_to_the_calibration_again()
    {
        var delivered = Given(Started, Located, Processing, Counted(Result), Booked, Validated(110));
        delivered = Then(delivered, When(delivered, Recorded(110, version: 1)));

        var state = Then(delivered, When(delivered, Validate(118, at: Later)));

        Assert.Equal(new PhotoCountValidation(118, 112, null, Supervisor, Later), state.Validation);
        var step = Assert.IsType<PhotoSessionStep.RecordCalibration>(PhotoSessionDecider.Next(state));
        Assert.Equal(Key, step.Key);
        Assert.Equal((118, Later), (step.Sample.ValidatedTotal, step.Sample.At));
        AssertAlreadyDone(When(state, Recorded(110, version: 1)));
    }

    [Fact]
    public void The_walk_from_validation_to_rest()
    {
        var state = Completed();
        Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(state));

        state = Then(state, When(state, Validate(110)));
        var step = Assert.IsType<PhotoSessionStep.RecordCalibration>(PhotoSessionDecider.Next(state));

        state = Then(state, When(state, Recorded(step.Sample.ValidatedTotal, version: 1)));
        Assert.Equal(new PhotoSessionStep.Rest(), PhotoSessionDecider.Next(state));
        Assert.Equal(1, state.Validation!.CalibrationVersion);
    }
}
