using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Photos.Containers;

/// <summary>
/// Where the detector runs for one container: SAHI tiles over its crop when the crop is at least a tile in both
/// dimensions, otherwise one direct pass over the whole crop. Rectangles are in photo pixels.
/// </summary>
public sealed record ContainerWork(int ContainerIndex, PixelRect Crop, bool Sliced, IReadOnlyList<PixelRect> Regions);

public static class ContainerDetectionPlan
{
    /// <summary>The work of every container, in container order.</summary>
    public static IReadOnlyList<ContainerWork> Plan(IReadOnlyList<Container> containers, int photoWidth, int photoHeight, int tileSizePx, double overlapRatio) =>
        containers.Select(c => Plan(c, photoWidth, photoHeight, tileSizePx, overlapRatio)).ToList();

    public static ContainerWork Plan(Container container, int photoWidth, int photoHeight, int tileSizePx, double overlapRatio)
    {
        ArgumentNullException.ThrowIfNull(container);
        var crop = container.Box.ClipTo(photoWidth, photoHeight);
        if (crop.Width < 1 || crop.Height < 1)
        {
            return new ContainerWork(container.Index, crop, false, []);
        }

        if (!Sliced(crop, tileSizePx))
        {
            return new ContainerWork(container.Index, crop, false, [crop]);
        }

        var tiles = TilePlanner.Plan(crop.Width, crop.Height, tileSizePx, overlapRatio)
            .Select(t => t with { X = t.X + crop.X, Y = t.Y + crop.Y })
            .ToList();
        return new ContainerWork(container.Index, crop, true, tiles);
    }

    /// <summary>How many regions the plan runs (before black tiles are skipped), without making them.</summary>
    public static long RegionCount(IReadOnlyList<Container> containers, int photoWidth, int photoHeight, int tileSizePx, double overlapRatio) =>
        RegionCount(containers.Select(c => c.Box), photoWidth, photoHeight, tileSizePx, overlapRatio);

    /// <summary>The same count from the containers' boxes alone (what a finished count keeps of them).</summary>
    public static long RegionCount(IEnumerable<PixelRect> boxes, int photoWidth, int photoHeight, int tileSizePx, double overlapRatio) =>
        boxes.Sum(box =>
        {
            var crop = box.ClipTo(photoWidth, photoHeight);
            return crop.Width < 1 || crop.Height < 1 ? 0
                : !Sliced(crop, tileSizePx) ? 1
                : TilePlanner.Count(crop.Width, crop.Height, tileSizePx, overlapRatio);
        });

    // SAHI only when the crop is at least a tile in both dimensions; a smaller one gets one direct pass.
    private static bool Sliced(PixelRect crop, int tileSizePx) => crop.Width >= tileSizePx && crop.Height >= tileSizePx;
}
