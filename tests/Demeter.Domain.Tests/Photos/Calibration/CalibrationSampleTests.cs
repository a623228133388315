using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Tests.Photos.Calibration;

public sealed class CalibrationSampleTests
{
    private static readonly Guid Session = Guid.Parse("6a1c0e2b-3d4f-4a5b-9c6d-7e8f9a0b1c2d");
    private static readonly DateTimeOffset At = new(2025, 3, 2, 10, 0, 0, TimeSpan.FromHours(-3));

    internal static BandEstimate Band(int band, long processedAreaPx, int detections, double averagePlantAreaPx, string source) =>
        new(band, band * 100, (band + 1) * 100, processedAreaPx + 10, processedAreaPx, 10, detections, averagePlantAreaPx, source, 0.9, 0, 0.8);

    internal static ContainerCount Container(int index, params BandEstimate[] bands) =>
        new(index, "tray", StorageBinCategory.SeedlingTray, new PixelRect(0, 0, 400, 400), 0.95f, 50, 6, "high", false, bands);

    /// <summary>
    /// Two containers. Hidden plant units (processed / plant size, bands with processed area only):
    /// 5000/2500 = 2.0, 3000/2000 = 1.5, (0 skipped), 1000/2500 = 0.4, 600/3000 = 0.2 → 4.1.
    /// Measured plant size (band or container source with detections): (2500·20 + 2000·10) / 30 = 70000/30 = 2333.33.
    /// </summary>
    internal static PhotoCountResult TwoContainers(string? calibrationKey = null) =>
        new(
            100,
            12,
            9,
            0.8,
            new PhotoTimings(10, 200, 300),
            "yolo-plants",
            "ab12cd34",
            [
                Container(
                    0,
                    Band(0, 5000, 20, 2500, PlantAreaSources.Band),
                    Band(1, 3000, 10, 2000, PlantAreaSources.Container)),
                Container(
                    1,
                    Band(0, 0, 0, 2500, PlantAreaSources.Default),
                    Band(1, 1000, 5, 2500, PlantAreaSources.Calibration),
                    Band(2, 600, 0, 3000, PlantAreaSources.Band)),
            ],
            CalibrationKey: calibrationKey);

    [Fact]
    public void A_sample_takes_the_counts_the_hidden_units_and_the_measured_plant_size()
    {
        var sample = CalibrationSample.From(Session, TwoContainers(), 110, At);

        Assert.Equal(new CalibrationSample(Session, 110, 100, 12, 4.1, 2333.33, At), sample);
    }

    [Fact]
    public void Hidden_units_sum_processed_area_over_plant_size_across_all_containers()
    {
        // 2.0 + 1.5 + 0.4 + 0.2 = 4.1
        Assert.Equal(4.1, CalibrationSample.From(Session, TwoContainers(), 110, At).HiddenPlantUnits, 10);
    }

    [Fact]
    public void The_measured_plant_size_is_the_detection_weighted_mean_of_band_and_container_sizes()
    {
        // (2500·20 + 2000·10) / (20 + 10) = 2333.333… → 2333.33; the calibration band (5 detections) and the band
        // without detections do not count.
        Assert.Equal(2333.33, CalibrationSample.From(Session, TwoContainers(), 110, At).MeasuredPlantAreaPx);
    }

    [Fact]
    public void Without_band_or_container_sizes_measured_there_is_no_measured_plant_size()
    {
        var result = TwoContainers() with
        {
            Containers =
            [
                Container(0, Band(0, 5000, 0, 2500, PlantAreaSources.Band), Band(1, 2500, 12, 2500, PlantAreaSources.Default)),
                Container(1, Band(0, 1250, 8, 2500, PlantAreaSources.Calibration)),
            ],
        };

        var sample = CalibrationSample.From(Session, result, 110, At);

        Assert.Null(sample.MeasuredPlantAreaPx);

        // 5000/2500 + 2500/2500 + 1250/2500 = 2 + 1 + 0.5 = 3.5
        Assert.Equal(3.5, sample.HiddenPlantUnits, 10);
    }

    [Fact]
    public void Units_round_to_four_decimals()
    {
        // 1000 / 3000 = 0.33333… → 0.3333; 2 · 1000 / 3000 in two bands → 0.6667.
        var result = TwoContainers() with
        {
            Containers = [Container(0, Band(0, 1000, 0, 3000, PlantAreaSources.Default), Band(1, 1000, 0, 3000, PlantAreaSources.Default))],
        };

        Assert.Equal(0.6667, CalibrationSample.From(Session, result, 110, At).HiddenPlantUnits);
    }

    [Fact]
    public void A_band_without_a_plant_size_adds_no_units()
    {
        // 0 px² plant size would divide by zero: only 5000/2500 = 2 counts.
        var result = TwoContainers() with
        {
            Containers = [Container(0, Band(0, 5000, 0, 2500, PlantAreaSources.Default), Band(1, 4000, 0, 0, PlantAreaSources.Default))],
        };

        var sample = CalibrationSample.From(Session, result, 110, At);

        Assert.Equal(2.0, sample.HiddenPlantUnits);
        Assert.True(double.IsFinite(sample.HiddenPlantUnits));
    }

    [Fact]
    public void A_result_without_containers_gives_no_units_and_no_plant_size()
    {
        var result = TwoContainers() with { Containers = null };

        Assert.Equal(new CalibrationSample(Session, 110, 100, 12, 0, null, At), CalibrationSample.From(Session, result, 110, At));
    }
}
