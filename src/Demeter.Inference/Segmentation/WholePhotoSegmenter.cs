using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>
/// No segmentation: the whole photo is one segment. For photos that frame a single bed edge to edge, where a
/// segmenter could only lose plants at the border.
/// </summary>
public sealed class WholePhotoSegmenter : IContainerSegmenter
{
    public const string SegmenterName = "whole-photo";

    public string Name => SegmenterName;

    public string Sha256 => string.Empty;

    public int InputLongSidePx => 16;

    public ContainerSegmentation Segment(SKBitmap image, int photoWidth, int photoHeight)
    {
        var whole = new PixelRect(0, 0, photoWidth, photoHeight);
        var container = new Container(0, ContainerTypes.Segment, StorageBinCategory.Segment, SegmenterName, 1f, whole, ContainerMask.FromCells([true], 1, 1, photoWidth, photoHeight));
        return new ContainerSegmentation([container], TimeSpan.Zero);
    }

    public void Dispose()
    {
    }
}
