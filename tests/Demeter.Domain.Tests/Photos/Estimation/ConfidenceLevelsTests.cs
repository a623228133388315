using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Tests.Photos.Estimation;

public class ConfidenceLevelsTests
{
    [Theory]
    // Share of bands with ≥ 10 detections: ≥ 0.8 high, ≥ 0.4 medium, else low.
    [InlineData(new[] { 10, 12, 30, 10 }, ConfidenceLevels.High)] // 4/4 = 1
    [InlineData(new[] { 10, 12, 30, 9 }, ConfidenceLevels.Medium)] // 3/4 = 0.75
    [InlineData(new[] { 10, 10, 0, 0 }, ConfidenceLevels.Medium)] // 2/4 = 0.5
    [InlineData(new[] { 10, 9, 9, 9 }, ConfidenceLevels.Low)] // 1/4 = 0.25
    [InlineData(new[] { 9, 9, 9, 9 }, ConfidenceLevels.Low)] // 0/4, but something was detected
    [InlineData(new[] { 0, 0, 0, 0 }, ConfidenceLevels.Unknown)]
    public void Levels_for_four_bands(int[] perBand, string expected)
    {
        Assert.Equal(expected, ConfidenceLevels.FromBands(perBand, 10));
    }

    [Theory]
    [InlineData(new[] { 10, 10, 10, 10, 10 }, ConfidenceLevels.High)] // 5/5
    [InlineData(new[] { 10, 10, 10, 10, 0 }, ConfidenceLevels.High)] // 4/5 = 0.8, the boundary
    [InlineData(new[] { 10, 10, 10, 0, 0 }, ConfidenceLevels.Medium)] // 3/5 = 0.6
    [InlineData(new[] { 10, 10, 0, 0, 0 }, ConfidenceLevels.Medium)] // 2/5 = 0.4, the boundary
    [InlineData(new[] { 10, 1, 1, 1, 1 }, ConfidenceLevels.Low)] // 1/5 = 0.2
    [InlineData(new[] { 0, 0, 0, 0, 0 }, ConfidenceLevels.Unknown)]
    public void Levels_for_five_bands(int[] perBand, string expected)
    {
        Assert.Equal(expected, ConfidenceLevels.FromBands(perBand, 10));
    }

    [Fact]
    public void No_bands_is_unknown()
    {
        Assert.Equal(ConfidenceLevels.Unknown, ConfidenceLevels.FromBands([], 10));
    }

    [Fact]
    public void The_minimum_per_band_is_inclusive()
    {
        Assert.Equal(ConfidenceLevels.High, ConfidenceLevels.FromBands([3, 3, 3, 3], 3));
        Assert.Equal(ConfidenceLevels.Low, ConfidenceLevels.FromBands([2, 2, 2, 2], 3));
    }

    [Theory]
    [InlineData(PlantAreaSources.Default, 0.5)]
    [InlineData(PlantAreaSources.Band, 0.7)]
    [InlineData(PlantAreaSources.Container, 0.7)]
    [InlineData(PlantAreaSources.Calibration, 0.7)]
    public void An_estimate_with_the_default_plant_size_is_trusted_less(string source, double expected)
    {
        Assert.Equal(expected, ConfidenceLevels.OfEstimate(source));
    }
}
