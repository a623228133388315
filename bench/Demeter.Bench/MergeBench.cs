using System.Diagnostics;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Bench;

/// <summary>
/// GREEDYNMM on 5,000 overlapping boxes (a crowded photo's tiles: every plant seen two to four times in the overlaps,
/// two classes), against the same merge comparing every pair, measured beside it; both must give the same boxes.
/// </summary>
internal static class MergeBench
{
    private const int Runs = 15;

    public static Task<int> RunAsync(BenchOptions options)
    {
        var boxes = Boxes(options.MergeBoxes, seed: 11);
        var fast = GreedyNmm.Merge(boxes);
        var pairwise = GreedyNmm.MergeEveryPair(boxes);
        if (!fast.SequenceEqual(pairwise))
        {
            Console.Error.WriteLine("merge: the grid merge and the pairwise merge disagree");
            return Task.FromResult(1);
        }

        var grid = Time(() => GreedyNmm.Merge(boxes));
        var baseline = Time(() => GreedyNmm.MergeEveryPair(boxes));
        Console.WriteLine($"merge: {boxes.Count} boxes -> {fast.Count} after the merge, median of {Runs} runs after a warm-up");
        Console.WriteLine();
        Console.WriteLine("| merge | boxes | median (ms) | ratio to pairwise |");
        Console.WriteLine("|---|---|---|---|");
        Console.WriteLine($"| GREEDYNMM with the grid | {boxes.Count} | {Shared.F(grid, "0.0")} | {Shared.F(grid / baseline, "0.000")} |");
        Console.WriteLine($"| every pair compared | {boxes.Count} | {Shared.F(baseline, "0.0")} | 1.000 |");
        return Task.FromResult(0);
    }

    private static double Time(Func<IReadOnlyList<Detection>> merge)
    {
        merge();
        var times = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            var watch = Stopwatch.StartNew();
            merge();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(Runs / 2);
    }

    private static List<Detection> Boxes(int count, int seed)
    {
        var random = new Random(seed);
        var boxes = new List<Detection>(count);
        while (boxes.Count < count)
        {
            var (x, y, side) = ((float)(random.NextDouble() * 8000), (float)(random.NextDouble() * 6000), 20f + (float)(random.NextDouble() * 60));
            var classId = random.Next(2);
            for (var copy = random.Next(2, 5); copy > 0 && boxes.Count < count; copy--)
            {
                var (dx, dy) = ((float)(random.NextDouble() * 6) - 3, (float)(random.NextDouble() * 6) - 3);
                boxes.Add(new Detection(x + dx, y + dy, x + dx + side, y + dy + side, (float)random.NextDouble(), classId, classId == 0 ? "plant" : "weed"));
            }
        }

        return boxes;
    }
}
