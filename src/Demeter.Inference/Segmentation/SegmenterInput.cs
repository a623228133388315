using System.Runtime.CompilerServices;
using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>Prepares the downscaled copy of a photo a segmenter is given.</summary>
public static class SegmenterInput
{
    /// <summary>
    /// The photo with its longer side at most <paramref name="longSidePx"/>, area-averaged so fine texture does not
    /// alias; a new bitmap the caller owns, also when no scaling was needed. A photo at least twice as large is first
    /// averaged over k × k blocks (k the whole factor), then resized bilinearly from there: the block average is the
    /// same kind of area filter as mipmaps, at half the cost of building them for a whole 12 MP photo.
    /// </summary>
    public static SKBitmap Downscale(SKBitmap photo, int longSidePx)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var scale = Math.Min(1.0, longSidePx / (double)Math.Max(photo.Width, photo.Height));
        var width = Math.Max(1, (int)Math.Round(photo.Width * scale));
        var height = Math.Max(1, (int)Math.Round(photo.Height * scale));
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        var sampling = new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear);
        var factor = (int)Math.Floor(1 / scale);
        if (factor < 2 || photo.BytesPerPixel != 4)
        {
            return photo.Resize(info, sampling) ?? throw new InvalidOperationException("Could not downscale the photo for segmentation.");
        }

        // What is left is less than halving, where bilinear sampling passes over no pixel.
        using var blocks = BlockAverage(photo, factor);
        return blocks.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None))
            ?? throw new InvalidOperationException("Could not downscale the photo for segmentation.");
    }

    /// <summary>Adds each block of <paramref name="k"/> pixels of <paramref name="row"/> to its column's four channel sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddRow(ReadOnlySpan<byte> row, int k, int[] sums)
    {
        var pixels = row.Length / 4;
        for (var block = 0; (block * k) < pixels; block++)
        {
            var end = Math.Min((block + 1) * k, pixels) * 4;
            int r = 0, g = 0, b = 0, a = 0;
            for (var p = block * k * 4; p < end; p += 4)
            {
                r += row[p];
                g += row[p + 1];
                b += row[p + 2];
                a += row[p + 3];
            }

            var o = block * 4;
            sums[o] += r;
            sums[o + 1] += g;
            sums[o + 2] += b;
            sums[o + 3] += a;
        }
    }

    /// <summary>
    /// Each output pixel the mean of a <paramref name="k"/> × <paramref name="k"/> block; the last column and row average
    /// the pixels left over, so the result still spans the whole photo.
    /// </summary>
    private static SKBitmap BlockAverage(SKBitmap photo, int k)
    {
        var (width, height) = ((photo.Width + k - 1) / k, (photo.Height + k - 1) / k);
        var result = new SKBitmap(new SKImageInfo(width, height, photo.ColorType, photo.AlphaType));
        var sourceRowBytes = photo.RowBytes;
        var targetRowBytes = result.RowBytes;
        Parallel.For(0, height, y =>
        {
            var rows = Math.Min(k, photo.Height - (y * k));
            var sums = new int[4 * width];
            for (var r = 0; r < rows; r++)
            {
                var row = photo.GetPixelSpan().Slice(((y * k) + r) * sourceRowBytes, photo.Width * 4);
                AddRow(row, k, sums);
            }

            var output = result.GetPixelSpan().Slice(y * targetRowBytes, width * 4);
            for (var x = 0; x < width; x++)
            {
                var count = rows * Math.Min(k, photo.Width - (x * k));
                for (var c = 0; c < 4; c++)
                {
                    output[(x * 4) + c] = (byte)((sums[(x * 4) + c] + (count / 2)) / count);
                }
            }
        });
        return result;
    }
}
