using Demeter.Domain.Photos.Containers;
using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>The containers of a photo, most confident first, and the time the segmenter took.</summary>
public sealed record ContainerSegmentation(IReadOnlyList<Container> Containers, TimeSpan Elapsed);

/// <summary>
/// Finds the containers (beds, boxes, seedling and plug trays) in a photo. It is given the photo downscaled so that
/// its longer side is at most <see cref="InputLongSidePx"/> (finer pixels would be thrown away by the segmenter) and
/// answers in the full photo's pixels.
/// </summary>
public interface IContainerSegmenter : IDisposable
{
    /// <summary>Name recorded with every count (a file name, or "builtin").</summary>
    string Name { get; }

    /// <summary>SHA-256 of the model file, or of the built-in segmenter's parameters.</summary>
    string Sha256 { get; }

    int InputLongSidePx { get; }

    ContainerSegmentation Segment(SKBitmap image, int photoWidth, int photoHeight);
}
