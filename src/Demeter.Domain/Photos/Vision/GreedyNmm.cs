namespace Demeter.Domain.Photos.Vision;

/// <summary>
/// SAHI's GREEDYNMM merge: per class, the best remaining box absorbs every lower-scored box
/// whose IOS against it reaches the threshold; the group becomes one box (union, max score, keeper's class).
/// Unlike NMS nothing is dropped, so a plant cut by a tile edge and seen whole in the next tile stays one plant
/// with its full extent.
/// </summary>
public static class GreedyNmm
{
    public static IReadOnlyList<Detection> Merge(IEnumerable<Detection> detections, double iosThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(detections);
        if (double.IsNaN(iosThreshold) || iosThreshold <= 0 || iosThreshold > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(iosThreshold), iosThreshold, "IOS threshold must be in (0, 1].");
        }

        var merged = new List<Detection>();
        foreach (var group in detections.GroupBy(d => d.ClassId))
        {
            MergeClass(group, iosThreshold, merged);
        }

        // OrderBy is stable, so equal scores keep class-then-input order and the output is deterministic.
        return merged.OrderByDescending(d => d.Score).ToList();
    }

    private static void MergeClass(IEnumerable<Detection> sameClass, double iosThreshold, List<Detection> output)
    {
        var ordered = sameClass.OrderByDescending(d => d.Score).ToArray();
        var absorbed = new bool[ordered.Length];

        // Only boxes that intersect can reach any IOS threshold: a grid of cells about a box wide finds them, so a
        // photo's thousands of boxes cost about n·k comparisons (k neighbours each) instead of n².
        var grid = new BoxGrid(ordered);
        var seen = new int[ordered.Length];
        Array.Fill(seen, -1);
        var near = new List<int>();
        for (var i = 0; i < ordered.Length; i++)
        {
            if (absorbed[i])
            {
                continue;
            }

            // IOS is measured against the keeper's own box, not the growing union, as SAHI does: a union can
            // only grow, and growing it would let a chain of neighbouring plants collapse into one.
            var keeper = ordered[i];
            var result = keeper;
            grid.Near(keeper, near);
            foreach (var j in near)
            {
                if (j <= i || absorbed[j] || seen[j] == i)
                {
                    continue;
                }

                seen[j] = i;
                if (BoxOverlap.Ios(keeper, ordered[j]) >= iosThreshold)
                {
                    absorbed[j] = true;
                    result = Union(result, ordered[j]);
                }
            }

            output.Add(result);
        }
    }

    /// <summary>
    /// The same merge by its definition, every pair of a class compared: quadratic, kept as the reference the grid
    /// merge is checked and measured against.
    /// </summary>
    public static IReadOnlyList<Detection> MergeEveryPair(IEnumerable<Detection> detections, double iosThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var merged = new List<Detection>();
        foreach (var group in detections.GroupBy(d => d.ClassId))
        {
            var ordered = group.OrderByDescending(d => d.Score).ToArray();
            var absorbed = new bool[ordered.Length];
            for (var i = 0; i < ordered.Length; i++)
            {
                if (absorbed[i])
                {
                    continue;
                }

                var result = ordered[i];
                for (var j = i + 1; j < ordered.Length; j++)
                {
                    if (!absorbed[j] && BoxOverlap.Ios(ordered[i], ordered[j]) >= iosThreshold)
                    {
                        absorbed[j] = true;
                        result = Union(result, ordered[j]);
                    }
                }

                merged.Add(result);
            }
        }

        return merged.OrderByDescending(d => d.Score).ToList();
    }

    private static Detection Union(Detection keeper, Detection other) => keeper with
    {
        X1 = Math.Min(keeper.X1, other.X1),
        Y1 = Math.Min(keeper.Y1, other.Y1),
        X2 = Math.Max(keeper.X2, other.X2),
        Y2 = Math.Max(keeper.Y2, other.Y2),
        Score = Math.Max(keeper.Score, other.Score),
    };
}
