using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Tests.Photos.Calibration;

public sealed class PlantSizeCalibrationDeciderTests
{
    private static readonly string Key = CalibrationKey.For(7, 3);
    private static readonly Guid SessionA = Guid.Parse("11111111-1111-4111-8111-111111111111");
    private static readonly Guid SessionB = Guid.Parse("22222222-2222-4222-8222-222222222222");
    private static readonly DateTimeOffset At = new(2025, 3, 2, 10, 0, 0, TimeSpan.FromHours(-3));
    private static readonly EstimationSettings Defaults = new();

    /// <summary>α_i = 6 / (110 − 100) = 0.6, measured 1900: alone it gives α (4.5 + 0.6) / 6 = 0.85 and A sqrt(2500·1900) = 2179.449… → 2179.45.</summary>
    private static readonly CalibrationSample SampleA = new(SessionA, 110, 100, 12, 6, 1900, At);

    /// <summary>α_i = 12 / (110 − 100) = 1.2, measured 2200.</summary>
    private static readonly CalibrationSample SampleB = new(SessionB, 110, 100, 8, 12, 2200, At.AddMinutes(5));

    private static PlantSizeCalibrationState Given(params IPlantSizeCalibrationEvent[] events) =>
        events.Aggregate(PlantSizeCalibrationState.Empty(Key), PlantSizeCalibrationDecider.Evolve);

    private static Decision<IPlantSizeCalibrationEvent> When(PlantSizeCalibrationState state, IPlantSizeCalibrationCommand command) =>
        PlantSizeCalibrationDecider.Decide(state, command, Defaults);

    private static PlantSizeCalibrationState Then(PlantSizeCalibrationState given, Decision<IPlantSizeCalibrationEvent> decision) =>
        decision.Events.Aggregate(given, PlantSizeCalibrationDecider.Evolve);

    private static CalibrationSampleRecorded RecordedA => new(Key, SampleA, new PlantSizeCalibration(Key, 1, 2179.45, 0.85, 1));

    private static void AssertAlreadyDone(Decision<IPlantSizeCalibrationEvent> decision)
    {
        Assert.True(decision.Accepted);
        Assert.Empty(decision.Events);
    }

    private static void AssertRejected(Decision<IPlantSizeCalibrationEvent> decision)
    {
        Assert.False(decision.Accepted);
        Assert.Equal(PlantSizeCalibrationDecider.InvalidSample, decision.Rejection!.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void The_first_sample_gives_version_1()
    {
        var given = Given();

        var decision = When(given, new RecordCalibrationSample(Key, SampleA));

        IPlantSizeCalibrationEvent[] expected = [RecordedA];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(new PlantSizeCalibration(Key, 1, 2179.45, 0.85, 1), state.Current);
        Assert.Equal(SampleA, Assert.Single(state.Samples).Value);
        Assert.Equal(SessionA, state.Samples.Single().Key);
    }

    [Fact]
    public void The_same_sample_again_changes_nothing_even_at_another_time()
    {
        var given = Given(RecordedA);

        AssertAlreadyDone(When(given, new RecordCalibrationSample(Key, SampleA)));
        AssertAlreadyDone(When(given, new RecordCalibrationSample(Key, SampleA with { At = At.AddDays(1) })));
    }

    [Fact]
    public void A_changed_sample_of_the_same_session_replaces_it_in_the_next_version()
    {
        var given = Given(RecordedA);

        // Validated 120 instead of 110: α_i = 6 / 20 = 0.3; (4.5 + 0.3) / 6 = 0.8; A still sqrt(2500·1900) = 2179.45.
        var changed = SampleA with { ValidatedTotal = 120, At = At.AddHours(1) };
        var decision = When(given, new RecordCalibrationSample(Key, changed));

        IPlantSizeCalibrationEvent[] expected = [new CalibrationSampleRecorded(Key, changed, new PlantSizeCalibration(Key, 2, 2179.45, 0.8, 1))];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(2, state.Current!.Version);
        Assert.Equal(1, state.Current.Samples);
        Assert.Equal(changed, Assert.Single(state.Samples).Value);
    }

    [Fact]
    public void A_sample_of_another_session_joins_the_others()
    {
        var given = Given(RecordedA);

        // α = (4.5 + 0.6 + 1.2) / 7 = 6.3 / 7 = 0.9; A = cbrt(2500·1900·2200) = cbrt(10450000000) = 2186.278… → 2186.28.
        var decision = When(given, new RecordCalibrationSample(Key, SampleB));

        IPlantSizeCalibrationEvent[] expected = [new CalibrationSampleRecorded(Key, SampleB, new PlantSizeCalibration(Key, 2, 2186.28, 0.9, 2))];
        Assert.Equal(expected, decision.Events);
        var state = Then(given, decision);
        Assert.Equal(2, state.Samples.Count);
        Assert.Equal(SampleA, state.Samples[SessionA]);
        Assert.Equal(SampleB, state.Samples[SessionB]);
    }

    [Fact]
    public void Evolving_leaves_the_earlier_state_untouched()
    {
        var given = Given(RecordedA);

        _ = Then(given, When(given, new RecordCalibrationSample(Key, SampleB)));

        Assert.Single(given.Samples);
        Assert.Equal(1, given.Current!.Version);
    }

    [Theory]
    [InlineData("negative-validated")]
    [InlineData("negative-detected")]
    [InlineData("negative-estimated")]
    [InlineData("nan-units")]
    [InlineData("negative-units")]
    [InlineData("infinite-units")]
    [InlineData("zero-area")]
    [InlineData("negative-area")]
    [InlineData("nan-area")]
    [InlineData("infinite-area")]
    [InlineData("empty-session")]
    public void An_invalid_sample_is_rejected(string what)
    {
        var sample = what switch
        {
            "negative-validated" => SampleA with { ValidatedTotal = -1 },
            "negative-detected" => SampleA with { Detected = -1 },
            "negative-estimated" => SampleA with { Estimated = -1 },
            "nan-units" => SampleA with { HiddenPlantUnits = double.NaN },
            "negative-units" => SampleA with { HiddenPlantUnits = -0.5 },
            "infinite-units" => SampleA with { HiddenPlantUnits = double.PositiveInfinity },
            "zero-area" => SampleA with { MeasuredPlantAreaPx = 0 },
            "negative-area" => SampleA with { MeasuredPlantAreaPx = -1 },
            "nan-area" => SampleA with { MeasuredPlantAreaPx = double.NaN },
            "infinite-area" => SampleA with { MeasuredPlantAreaPx = double.PositiveInfinity },
            "empty-session" => SampleA with { SessionId = Guid.Empty },
            _ => throw new ArgumentOutOfRangeException(nameof(what)),
        };

        AssertRejected(When(Given(), new RecordCalibrationSample(Key, sample)));
        AssertRejected(When(Given(RecordedA), new RecordCalibrationSample(Key, sample)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("product--packaging-1")]
    [InlineData("product-7-packaging-3 ")]
    public void A_sample_under_an_invalid_key_is_rejected(string key)
    {
        AssertRejected(When(PlantSizeCalibrationState.Empty(key), new RecordCalibrationSample(key, SampleA)));
    }

    [Fact]
    public void A_sample_with_no_hidden_units_or_measured_size_is_valid()
    {
        // Nothing to learn, but a valid sample: α and A stay the defaults (0.9, 2500), one sample.
        var nothing = SampleA with { HiddenPlantUnits = 0, MeasuredPlantAreaPx = null };

        var decision = When(Given(), new RecordCalibrationSample(Key, nothing));

        IPlantSizeCalibrationEvent[] expected = [new CalibrationSampleRecorded(Key, nothing, new PlantSizeCalibration(Key, 1, 2500, 0.9, 1))];
        Assert.Equal(expected, decision.Events);
    }

    [Fact]
    public void Reading_the_calibration_persists_nothing()
    {
        AssertAlreadyDone(When(Given(), new GetPlantSizeCalibration(Key)));
        AssertAlreadyDone(When(Given(RecordedA), new GetPlantSizeCalibration(Key)));
    }

    [Fact]
    public void An_empty_calibration_has_no_samples_and_no_current()
    {
        var state = PlantSizeCalibrationState.Empty(Key);

        Assert.Equal(Key, state.Key);
        Assert.Empty(state.Samples);
        Assert.Null(state.Current);
    }
}
