using System.Diagnostics;
using Demeter.Domain.Photos.Estimation;
using Demeter.Inference.Detectors;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;

namespace Demeter.Bench;

/// <summary>
/// Counting accuracy on generated nursery scenes with known plant counts (beds, crates, plug trays, empty crates;
/// touching and partly hidden plants, perspective, debris, pale and dark plants): MAPE of the total per photo,
/// detected-only beside detected + estimated, and the plants counted on crates that hold none.
/// </summary>
internal static class AccuracyBench
{
    public static Task<int> RunAsync(BenchOptions options)
    {
        var modelPath = BuiltInPlantDetector.EnsureModelFile(Path.Combine(Path.GetTempPath(), "demeter-bench-model"));
        using var detector = new YoloDetector(modelPath);
        using var segmenter = new BuiltInContainerSegmenter();
        var counter = new PhotoCounter(detector, segmenter);
        var detectedOnly = new PhotoCountOptions { Counting = new ContainerCountingSettings { Estimate = false } };
        var withEstimation = new PhotoCountOptions();

        var rows = new List<(SyntheticScene Scene, PhotoCount Detected, PhotoCount Estimated)>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < options.Images; i++)
        {
            var scene = SyntheticNurseryScene.Generate(options.Seed + i);
            var a = counter.Count(scene.Photo.Jpeg, detectedOnly);
            var b = counter.Count(scene.Photo.Jpeg, withEstimation);
            rows.Add((scene, a, b));
            Console.WriteLine(
                $"  scene {options.Seed + i} {scene.Kind,-15} {scene.Palette,-5} truth {scene.Photo.Plants.Count,4}  detected {a.Total,4}  " +
                $"with estimation {b.Total,4}  containers {b.Containers.Count}/{scene.Containers}  {string.Join(",", b.Warnings)}");
        }

        Console.WriteLine($"accuracy: {rows.Count} scenes in {watch.Elapsed.TotalSeconds:0} s (seed {options.Seed})");
        Console.WriteLine();
        Console.WriteLine("| scenes | kind | truth | MAPE detected only | MAPE detected + estimated | plants on empty crates |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var group in rows.GroupBy(r => r.Scene.Kind.ToString()).Append(rows.GroupBy(_ => "all").Single()))
        {
            var list = group.ToList();
            Console.WriteLine(
                $"| {list.Count} | {group.Key} | {list.Sum(r => r.Scene.Photo.Plants.Count)} | {Shared.F(Mape(list, r => r.Detected.Total) * 100, "0.00")} % | " +
                $"{Shared.F(Mape(list, r => r.Estimated.Total) * 100, "0.00")} % | {list.Sum(OnEmptyCrates)} |");
        }

        return Task.FromResult(0);
    }

    private static double Mape(IReadOnlyList<(SyntheticScene Scene, PhotoCount Detected, PhotoCount Estimated)> rows, Func<(SyntheticScene Scene, PhotoCount Detected, PhotoCount Estimated), int> counted) =>
        rows.Average(r => Math.Abs(counted(r) - r.Scene.Photo.Plants.Count) / (double)Math.Max(1, r.Scene.Photo.Plants.Count));

    // Plants counted in containers whose centre lies on a crate generated empty.
    private static int OnEmptyCrates((SyntheticScene Scene, PhotoCount Detected, PhotoCount Estimated) row) =>
        row.Estimated.Containers
            .Where(c => row.Scene.EmptyContainers.Any(e => e.Contains(c.Box.X + (c.Box.Width / 2f), c.Box.Y + (c.Box.Height / 2f))))
            .Sum(c => c.Total);
}
