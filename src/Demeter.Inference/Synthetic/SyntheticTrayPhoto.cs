using Demeter.Inference.Imaging;
using SkiaSharp;

namespace Demeter.Inference.Synthetic;

/// <summary>
/// Generates a top-down photo of plants on soil with known plant positions, for tests, demos and benchmarks.
/// The same arguments always give the same photo on the same SkiaSharp build.
/// </summary>
public static class SyntheticTrayPhoto
{
    private const int JpegQuality = 90;

    public static SyntheticPhoto Generate(int width, int height, int plantCount, int seed, double plantDiameterPx = 80, GpsCoordinate? gps = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(plantCount);
        if (!(plantDiameterPx >= 4))
        {
            throw new ArgumentOutOfRangeException(nameof(plantDiameterPx), plantDiameterPx, "Plants must be at least 4 px across.");
        }

        var random = new Random(seed);
        var plants = PlantLayout.Place(width, height, plantCount, plantDiameterPx, random);
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        SoilPainter.Paint(bitmap, random);
        using (var canvas = new SKCanvas(bitmap))
        {
            foreach (var plant in plants)
            {
                RosettePainter.Paint(canvas, plant, random);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality)
            ?? throw new InvalidOperationException("JPEG encoding failed.");
        var jpeg = data.ToArray();
        if (gps is not null)
        {
            jpeg = ExifWriter.Insert(jpeg, gps);
        }

        return new SyntheticPhoto(jpeg, width, height, plants);
    }
}
