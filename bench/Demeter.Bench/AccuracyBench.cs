using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Demeter.Domain.Photos.Calibration;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Sessions;
using Demeter.Inference.Detectors;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;

namespace Demeter.Bench;

/// <summary>
/// Counting accuracy on generated nursery scenes with known plant counts (beds, crates, plug trays, empty crates;
/// touching and partly hidden plants, perspective, debris, pale and dark plants): MAPE of the total per photo,
/// detected-only, detected + estimated with the default parameters, and with parameters calibrated the way validated
/// sessions calibrate them (from other scenes of the same kind, validated with their true count); and the plants
/// counted on crates that hold none.
/// </summary>
internal static class AccuracyBench
{
    // Scenes per kind that play the validated sessions of the calibration; their seeds are apart from the measured ones.
    private const int CalibrationScenesPerKind = 5;
    private const int CalibrationSeedOffset = 100_000;

    public static Task<int> RunAsync(BenchOptions options)
    {
        var modelPath = BuiltInPlantDetector.EnsureModelFile(Path.Combine(Path.GetTempPath(), "demeter-bench-model"));
        using var detector = new YoloDetector(modelPath);
        using var segmenter = new BuiltInContainerSegmenter();
        var counter = new PhotoCounter(detector, segmenter);
        var detectedOnly = new PhotoCountOptions { Counting = new ContainerCountingSettings { Estimate = false } };
        var withEstimation = new PhotoCountOptions();
        var watch = Stopwatch.StartNew();

        var calibrations = Calibrate(counter, options.Seed + CalibrationSeedOffset, withEstimation);
        foreach (var (kind, c) in calibrations)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  calibration of {kind}: alpha {c.Alpha:0.###}, plant size {c.PlantAreaPx:0} px², {c.Samples} validated scenes"));
        }

        var rows = new List<Row>();
        for (var i = 0; i < options.Images; i++)
        {
            var scene = SyntheticNurseryScene.Generate(options.Seed + i);
            var row = new Row(
                scene,
                counter.Count(scene.Photo.Jpeg, detectedOnly),
                counter.Count(scene.Photo.Jpeg, withEstimation),
                counter.Count(scene.Photo.Jpeg, withEstimation with { Calibration = calibrations[scene.Kind] }));
            rows.Add(row);
            Console.WriteLine(
                $"  scene {options.Seed + i} {scene.Kind,-15} {scene.Palette,-5} truth {scene.Photo.Plants.Count,4}  detected {row.Detected.Total,4}  " +
                $"estimated {row.Estimated.Total,4}  calibrated {row.Calibrated.Total,4}  containers {row.Calibrated.Containers.Count}/{scene.Containers}  " +
                string.Join(",", row.Calibrated.Warnings));
            if (options.WriteScenes is { } directory)
            {
                Write(directory, options.Seed + i, scene);
            }
        }

        Console.WriteLine($"accuracy: {rows.Count} scenes in {watch.Elapsed.TotalSeconds:0} s (seed {options.Seed})");
        Console.WriteLine();
        Console.WriteLine("| scenes | kind | plants drawn | MAPE detected only | MAPE + estimated (defaults) | MAPE + estimated (calibrated) | plants counted on empty crates |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Scene.Kind.ToString()).Append(rows.GroupBy(_ => "all").Single()))
        {
            var list = group.ToList();
            Console.WriteLine(
                $"| {list.Count} | {group.Key} | {list.Sum(r => r.Scene.Photo.Plants.Count)} | {Percent(list, r => r.Detected)} | {Percent(list, r => r.Estimated)} | " +
                $"{Percent(list, r => r.Calibrated)} | {list.Sum(r => OnEmptyCrates(r.Scene, r.Calibrated))} |");
        }

        return Task.FromResult(0);
    }

    /// <summary>Per scene kind, the calibration its validated scenes give (each validated with the plants drawn).</summary>
    private static Dictionary<SceneKind, PlantSizeCalibration> Calibrate(PhotoCounter counter, int firstSeed, PhotoCountOptions options)
    {
        var defaults = options.Counting.Estimation;
        var samples = new Dictionary<SceneKind, List<CalibrationSample>>();
        for (var i = 0; i < CalibrationScenesPerKind * Enum.GetValues<SceneKind>().Length; i++)
        {
            var scene = SyntheticNurseryScene.Generate(firstSeed + i);
            var count = counter.Count(scene.Photo.Jpeg, options);
            var result = new PhotoCountResult(count.Detected, count.Estimated, count.Tiles, 0, new PhotoTimings(0, 0, 0), "builtin", string.Empty, count.Containers);
            var sample = CalibrationSample.From(Guid.NewGuid(), result, scene.Photo.Plants.Count, DateTimeOffset.UnixEpoch.AddMinutes(i));
            (samples.TryGetValue(scene.Kind, out var list) ? list : samples[scene.Kind] = []).Add(sample);
        }

        return samples.ToDictionary(
            s => s.Key, s => CalibrationMath.Compute($"product-{(int)s.Key + 1}-packaging-none", s.Value.Count, s.Value, defaults));
    }

    private static void Write(string directory, int seed, SyntheticScene scene)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, $"scene-{seed}.jpg"), scene.Photo.Jpeg);
        var truth = new { seed, kind = scene.Kind.ToString(), palette = scene.Palette, plants = scene.Photo.Plants.Count, scene.Containers, emptyContainers = scene.EmptyContainers };
        File.WriteAllText(Path.Combine(directory, $"scene-{seed}.json"), JsonSerializer.Serialize(truth, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
    }

    private static string Percent(IReadOnlyList<Row> rows, Func<Row, PhotoCount> counted) =>
        Shared.F(rows.Average(r => Math.Abs(counted(r).Total - r.Scene.Photo.Plants.Count) / (double)Math.Max(1, r.Scene.Photo.Plants.Count)) * 100, "0.00") + " %";

    // Plants counted in containers whose centre lies on a crate generated empty.
    private static int OnEmptyCrates(SyntheticScene scene, PhotoCount count) =>
        count.Containers
            .Where(c => scene.EmptyContainers.Any(e => e.Contains(c.Box.X + (c.Box.Width / 2f), c.Box.Y + (c.Box.Height / 2f))))
            .Sum(c => c.Total);

    private sealed record Row(SyntheticScene Scene, PhotoCount Detected, PhotoCount Estimated, PhotoCount Calibrated);
}
