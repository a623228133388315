using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Detectors;

/// <summary>A region of an image to run through a detector; the image is only read, and must outlive the call.</summary>
public readonly record struct DetectionInput(SKBitmap Image, PixelRect Region)
{
    /// <exception cref="ArgumentOutOfRangeException">The region does not lie inside the image.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Image);
        if (Region.Width < 1 || Region.Height < 1 || Region.X < 0 || Region.Y < 0 || Region.Right > Image.Width || Region.Bottom > Image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(Region), Region, $"Region must lie inside the {Image.Width}×{Image.Height} image.");
        }
    }
}
