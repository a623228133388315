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

        if (crop.Width < tileSizePx || crop.Height < tileSizePx)
        {
            return new ContainerWork(container.Index, crop, false, [crop]);
        }

        var tiles = TilePlanner.Plan(crop.Width, crop.Height, tileSizePx, overlapRatio)
            .Select(t => t with { X = t.X + crop.X, Y = t.Y + crop.Y })
            .ToList();
        return new ContainerWork(container.Index, crop, true, tiles);
    }

    /// <summary>How many regions the plan runs, without planning them (a bound checked before any work).</summary>
    public static long RegionCount(IReadOnlyList<Container> containers, int photoWidth, int photoHeight, int tileSizePx, double overlapRatio) =>
        containers.Sum(c =>
        {
            var crop = c.Box.ClipTo(photoWidth, photoHeight);
            return crop.Width < 1 || crop.Height < 1 ? 0
                : crop.Width < tileSizePx || crop.Height < tileSizePx ? 1
                : TilePlanner.Count(crop.Width, crop.Height, tileSizePx, overlapRatio);
        });
}
