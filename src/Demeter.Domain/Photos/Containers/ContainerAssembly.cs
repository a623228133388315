using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Photos.Containers;

/// <summary>The detection filters of the photo path; defaults are those of the counting specification.</summary>
public sealed record DetectionFilterSettings
{
    /// <summary>Boxes smaller than this are noise, not plants.</summary>
    public float MinAreaPx { get; init; } = 100f;

    /// <summary>A box within this distance of the photo border is a truncated plant.</summary>
    public float EdgeMarginPx { get; init; } = 1f;

    /// <summary>GREEDYNMM threshold across the tiles of one container.</summary>
    public double MergeIos { get; init; } = 0.5;

    /// <summary>Two boxes of the same class from different containers overlapping this much are one plant.</summary>
    public double DuplicateIos { get; init; } = 0.5;
}

/// <summary>How many detections each filter removed from one container.</summary>
public sealed record DetectionDrops(int SmallArea, int TouchingEdge, int OutsideMask, int Duplicate)
{
    public int Total => SmallArea + TouchingEdge + OutsideMask + Duplicate;
}

/// <summary>The plants of one container, in photo pixels.</summary>
public sealed record ContainerDetections(int ContainerIndex, IReadOnlyList<Detection> Detections, DetectionDrops Dropped);

/// <summary>The detector's output for one region of a container's work, in the region's own frame.</summary>
public sealed record RegionDetections(PixelRect Region, IReadOnlyList<Detection> Detections);

/// <summary>
/// Turns the raw per-region detections of every container into each container's plants: shift to photo pixels,
/// merge across the container's tiles, drop small boxes and boxes cut by the photo border, keep a box only if its
/// centre lies in its container's mask, and count a plant seen by two overlapping containers once.
/// </summary>
public static class ContainerAssembly
{
    public static IReadOnlyList<ContainerDetections> Assemble(
        IReadOnlyList<Container> containers,
        IReadOnlyDictionary<int, IReadOnlyList<RegionDetections>> regionsByContainer,
        int photoWidth,
        int photoHeight,
        DetectionFilterSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(containers);
        ArgumentNullException.ThrowIfNull(regionsByContainer);
        var s = settings ?? new DetectionFilterSettings();
        var kept = new List<(int Container, Detection Detection)>();
        var drops = new Dictionary<int, (int Small, int Edge, int Outside)>();
        foreach (var container in containers)
        {
            var regions = regionsByContainer.TryGetValue(container.Index, out var r) ? r : [];
            var merged = TileMerge.Combine(regions.Select(x => (x.Region, x.Detections)).ToList(), s.MergeIos);
            var large = DetectionFilters.MinArea(merged, s.MinAreaPx);
            var whole = DetectionFilters.NotTouchingEdge(large, photoWidth, photoHeight, s.EdgeMarginPx);
            var inside = whole.Where(d => container.Mask.Contains(d.Center.X, d.Center.Y)).ToList();
            drops[container.Index] = (merged.Count - large.Count, large.Count - whole.Count, whole.Count - inside.Count);
            kept.AddRange(inside.Select(d => (container.Index, d)));
        }

        var unique = DropCrossContainerDuplicates(kept, s.DuplicateIos);
        return containers.Select(c =>
        {
            var mine = unique.Where(u => u.Container == c.Index).Select(u => u.Detection).ToList();
            var (small, edge, outside) = drops[c.Index];
            var before = kept.Count(k => k.Container == c.Index);
            return new ContainerDetections(c.Index, mine, new DetectionDrops(small, edge, outside, before - mine.Count));
        }).ToList();
    }

    /// <summary>
    /// Highest score first, a box is dropped when a kept box of the same class from another container overlaps it by
    /// IOS ≥ threshold: the higher-scored container's copy stands (a plant on the line between two crops is seen by both).
    /// </summary>
    private static List<(int Container, Detection Detection)> DropCrossContainerDuplicates(List<(int Container, Detection Detection)> all, double threshold)
    {
        if (all.Select(a => a.Container).Distinct().Count() < 2)
        {
            return all;
        }

        var order = Enumerable.Range(0, all.Count).OrderByDescending(i => all[i].Detection.Score).ThenBy(i => i).ToList();
        var grid = new BoxGrid(all.ConvertAll(a => a.Detection));
        var keep = new bool[all.Count];
        var near = new List<int>();
        foreach (var i in order)
        {
            var (container, box) = all[i];
            grid.Near(box, near);
            keep[i] = !near.Any(j => keep[j] && all[j].Container != container && all[j].Detection.ClassId == box.ClassId
                && BoxOverlap.Ios(all[j].Detection, box) >= threshold);
        }

        return all.Where((_, i) => keep[i]).ToList();
    }
}
