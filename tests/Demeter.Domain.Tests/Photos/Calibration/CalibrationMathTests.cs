using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Tests.Photos.Calibration;

public sealed class CalibrationMathTests
{
    private const string Key = "product-7-packaging-3";

    private static readonly DateTimeOffset At = new(2025, 3, 2, 10, 0, 0, TimeSpan.FromHours(-3));
    private static readonly EstimationSettings Defaults = new();

    private static CalibrationSample Sample(int validated, int detected, double units, double? measured = null, int minutes = 0, Guid? session = null) =>
        new(session ?? Guid.NewGuid(), validated, detected, 0, units, measured, At.AddMinutes(minutes));

    private static Guid SessionNo(int i) => new(i, 0, 0, new byte[8]);

    // ---- α of one sample ----

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void A_sample_without_hidden_area_says_nothing_about_alpha(double units)
    {
        Assert.Null(CalibrationMath.AlphaOf(Sample(110, 100, units)));
    }

    [Fact]
    public void Alpha_is_hidden_units_over_hidden_plants()
    {
        // hidden = 110 − 100 = 10; 9 / 10 = 0.9
        Assert.Equal(0.9, CalibrationMath.AlphaOf(Sample(110, 100, 9))!.Value, 12);
    }

    [Theory]
    [InlineData(100, 100)] // hidden = 0
    [InlineData(90, 100)] // hidden = −10: the detector over-counted
    public void Nothing_hidden_gives_the_largest_alpha(int validated, int detected)
    {
        Assert.Equal(CalibrationMath.MaxAlpha, CalibrationMath.AlphaOf(Sample(validated, detected, 5)));
        Assert.Equal(3.0, CalibrationMath.MaxAlpha);
    }

    [Theory]
    [InlineData(50, 105, 3.0)] // 50 / 5 = 10 → clamped to 3.0
    [InlineData(3, 101, 3.0)] // 3 / 1 = 3.0, on the bound
    [InlineData(1, 200, 0.2)] // 1 / 100 = 0.01 → clamped to 0.2
    [InlineData(2, 110, 0.2)] // 2 / 10 = 0.2, on the bound
    [InlineData(15, 110, 1.5)] // 15 / 10 = 1.5, within
    public void Alpha_is_kept_between_0_2_and_3(double units, int validated, double expected)
    {
        Assert.Equal(expected, CalibrationMath.AlphaOf(Sample(validated, 100, units))!.Value, 12);
    }

    // ---- calibration of many samples ----

    [Fact]
    public void Without_samples_the_calibration_is_the_defaults()
    {
        var calibration = CalibrationMath.Compute(Key, 4, [], Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 4, 2500, 0.9, 0), calibration);
    }

    [Fact]
    public void One_sample_moves_alpha_by_a_sixth()
    {
        // α_i = 6 / (110 − 100) = 0.6; (5·0.9 + 0.6) / (5 + 1) = 5.1 / 6 = 0.85; no measured size: area stays exp(ln 2500 / 1) = 2500.
        var calibration = CalibrationMath.Compute(Key, 1, [Sample(110, 100, 6)], Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 1, 2500, 0.85, 1), calibration);
    }

    [Fact]
    public void One_measured_size_moves_the_plant_area_to_the_geometric_mean_with_the_default()
    {
        // sqrt(2500·1900) = sqrt(4750000) = 2179.449… → 2179.45; no hidden units: α stays 0.9.
        var calibration = CalibrationMath.Compute(Key, 1, [Sample(110, 100, 0, 1900)], Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 1, 2179.45, 0.9, 1), calibration);
    }

    [Fact]
    public void Alpha_and_area_are_rounded_to_four_and_two_decimals()
    {
        // α: 6/10 = 0.6 and 7/10 = 0.7 → (4.5 + 1.3) / 7 = 5.8 / 7 = 0.828571… → 0.8286.
        // A: cbrt(2500·2000·2001) = cbrt(10005000000) = 2154.7937… → 2154.79.
        var calibration = CalibrationMath.Compute(Key, 2, [Sample(110, 100, 6, 2000, 0), Sample(110, 100, 7, 2001, 1)], Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 2, 2154.79, 0.8286, 2), calibration);
    }

    [Fact]
    public void Samples_count_even_when_they_say_nothing_about_alpha_or_area()
    {
        // Only the second sample has an α (1.2 = 12 / 10) and only the first a size:
        // α = (4.5 + 1.2) / 6 = 0.95; A = sqrt(2500·3100) = sqrt(7750000) = 2783.882… → 2783.88; two samples.
        var calibration = CalibrationMath.Compute(Key, 3, [Sample(110, 100, 0, 3100, 0), Sample(110, 100, 12, null, 1)], Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 3, 2783.88, 0.95, 2), calibration);
    }

    [Fact]
    public void A_clamped_alpha_enters_the_mean_clamped()
    {
        // 50 / 5 = 10 → 3.0; (4.5 + 3.0) / 6 = 1.25.
        var calibration = CalibrationMath.Compute(Key, 1, [Sample(105, 100, 50)], Defaults);

        Assert.Equal(1.25, calibration.Alpha);
    }

    [Fact]
    public void A_non_positive_measured_size_is_not_a_size()
    {
        // Only 1900 counts: sqrt(2500·1900) = 2179.449… → 2179.45.
        var calibration = CalibrationMath.Compute(Key, 1, [Sample(110, 100, 0, 0, 0), Sample(110, 100, 0, 1900, 1)], Defaults);

        Assert.Equal(2179.45, calibration.PlantAreaPx);
        Assert.Equal(2, calibration.Samples);
    }

    [Fact]
    public void The_defaults_are_the_prior()
    {
        // α0 = 1.0, A0 = 3000: α = (5·1.0 + 0.4) / 6 = 0.9; A = sqrt(3000·1800) = sqrt(5400000) = 2323.790… → 2323.79.
        var defaults = new EstimationSettings { Alpha = 1.0, FallbackPlantAreaPx = 3000 };

        var calibration = CalibrationMath.Compute(Key, 1, [Sample(110, 100, 4, 1800)], defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 1, 2323.79, 0.9, 1), calibration);
    }

    [Fact]
    public void Only_the_latest_100_samples_count()
    {
        // 100 samples at α 0.9 (9 / 10) and size 2500 from minute 1 on, and the oldest (minute 0, last in the list) at
        // α 3.0 (30 / 10) and size 10000. Without it: α = (4.5 + 100·0.9) / 105 = 0.9, A = exp(101·ln 2500 / 101) = 2500.
        // With it, α would be (4.5 + 90 + 3) / 106 = 0.9198 and A exp((101·ln 2500 + ln 10000) / 102) = 2534.209… → 2534.21.
        var samples = Enumerable.Range(1, 100).Select(i => Sample(110, 100, 9, 2500, i, SessionNo(i))).ToList();
        samples.Add(Sample(110, 100, 30, 10000, 0, SessionNo(1000)));

        var calibration = CalibrationMath.Compute(Key, 101, samples, Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 101, 2500, 0.9, 100), calibration);
    }

    [Fact]
    public void The_latest_samples_are_chosen_by_time_not_by_position()
    {
        // The newest sample (minute 500) comes first in the list and must count: 100 samples at α 0.6 and size 2000
        // from minute 1 to 100, the oldest (minute 0) at α 3.0, and the newest at α 3.0 and size 10000.
        // Latest 100 = minutes 2..100 (99 at 0.6 / 2000) + minute 500:
        // α = (4.5 + 99·0.6 + 3.0) / 105 = 66.9 / 105 = 0.637142… → 0.6371;
        // A = exp((ln 2500 + 99·ln 2000 + ln 10000) / 101) = 2500^(1/101)·2000^(99/101)·10000^(1/101) = 2036.619… → 2036.62.
        var samples = new List<CalibrationSample> { Sample(110, 100, 30, 10000, 500, SessionNo(500)) };
        samples.AddRange(Enumerable.Range(1, 100).Select(i => Sample(110, 100, 6, 2000, i, SessionNo(i))));
        samples.Add(Sample(110, 100, 30, 10000, 0, SessionNo(1000)));

        var calibration = CalibrationMath.Compute(Key, 102, samples, Defaults);

        Assert.Equal(new PlantSizeCalibration(Key, 102, 2036.62, 0.6371, 100), calibration);
    }
}
