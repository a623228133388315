using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>One detector run of a photo: a SAHI tile of a container, or a container's one direct pass. <see cref="Index"/> orders them.</summary>
public sealed record DetectionPass(int ContainerIndex, PixelRect Rect, int Index, bool Sliced);

/// <summary>
/// The detector runs a photo needs, the same in the CLI and on the cluster: per container SAHI tiles (crops at least a
/// tile in both dimensions, black tiles skipped) or one direct pass over the crop.
/// </summary>
public static class DetectionPasses
{
    /// <summary>
    /// A direct pass's crop is area-averaged down to this longer side before the detector letterboxes it (640 px for
    /// the exports in use): the pixels that reach the model hardly change, and a node that runs it elsewhere is sent
    /// this much, not the whole crop.
    /// </summary>
    public const int DirectPassMaxSidePx = 1280;

    public static List<DetectionPass> Plan(SKBitmap photo, IReadOnlyList<Container> containers, int tileSizePx, double overlapRatio)
    {
        ArgumentNullException.ThrowIfNull(photo);
        return ContainerDetectionPlan.Plan(containers, photo.Width, photo.Height, tileSizePx, overlapRatio)
            .SelectMany(w => w.Regions.Select(r => (Work: w, Rect: r)))
            .Where(x => !x.Work.Sliced || TileContent.IsWorthDetecting(photo, x.Rect))
            .Select((x, i) => new DetectionPass(x.Work.ContainerIndex, x.Rect, i, x.Work.Sliced))
            .ToList();
    }

    /// <summary>Whether <paramref name="pass"/> runs on a scaled-down copy of its crop (a direct pass larger than <see cref="DirectPassMaxSidePx"/>).</summary>
    public static bool IsScaled(DetectionPass pass) =>
        !pass.Sliced && Math.Max(pass.Rect.Width, pass.Rect.Height) > DirectPassMaxSidePx;

    /// <summary>The pixels <paramref name="pass"/> runs on (see <see cref="PassPixels"/>); the caller disposes them.</summary>
    public static PassPixels Pixels(SKBitmap photo, DetectionPass pass)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(pass);
        if (!IsScaled(pass))
        {
            return new PassPixels(photo, pass.Rect, 1, owned: false);
        }

        var (small, scale) = RegionScaler.Downscale(photo, pass.Rect, DirectPassMaxSidePx);
        return new PassPixels(small, new PixelRect(0, 0, small.Width, small.Height), scale, owned: true);
    }
}

/// <summary>
/// What a detector pass reads: a view of the photo (a tile), or a crop scaled down by <see cref="Scale"/> (a large direct
/// pass) that it owns. Detections found on it go back to the photo's pixels through <see cref="ToRegionFrame"/>.
/// </summary>
public sealed class PassPixels(SKBitmap image, PixelRect region, double scale, bool owned) : IDisposable
{
    public SKBitmap Image { get; } = image;

    public PixelRect Region { get; } = region;

    /// <summary>Pixels of <see cref="Image"/> per photo pixel (1 for a tile).</summary>
    public double Scale { get; } = scale;

    /// <summary><see cref="Image"/> is a scaled copy this object frees, not the photo itself.</summary>
    public bool Owned { get; } = owned;

    /// <summary>Detections in <see cref="Region"/>'s frame back in the pass rectangle's frame (photo pixels).</summary>
    public IReadOnlyList<Detection> ToRegionFrame(IReadOnlyList<Detection> detections) => Unscale(detections, Scale);

    public static IReadOnlyList<Detection> Unscale(IReadOnlyList<Detection> detections, double scale) =>
        scale == 1 ? detections : detections.Select(d => d with
        {
            X1 = (float)(d.X1 / scale),
            Y1 = (float)(d.Y1 / scale),
            X2 = (float)(d.X2 / scale),
            Y2 = (float)(d.Y2 / scale),
        }).ToList();

    public void Dispose()
    {
        if (Owned)
        {
            Image.Dispose();
        }
    }
}
