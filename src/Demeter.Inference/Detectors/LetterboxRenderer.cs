using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Detectors;

/// <summary>Draws a region of an image letterboxed into the model input and converts it to RGB CHW floats in [0, 1].</summary>
internal static class LetterboxRenderer
{
    public static Letterbox Render(SKImage source, PixelRect region, int inputWidth, int inputHeight, Span<float> chw)
    {
        var box = Letterbox.Fit(region.Width, region.Height, inputWidth, inputHeight);
        var info = new SKImageInfo(inputWidth, inputHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvasBitmap = new SKBitmap(info);
        using (var canvas = new SKCanvas(canvasBitmap))
        {
            canvas.Clear(new SKColor(Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue));
            var from = SKRect.Create(region.X, region.Y, region.Width, region.Height);
            var to = SKRect.Create(box.PadX, box.PadY, box.ResizedWidth, box.ResizedHeight);

            // Mipmaps only when shrinking: without them a whole 12 MP photo squeezed into 640 px aliases badly.
            var shrinking = box.ScaleX < 1f || box.ScaleY < 1f;
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, shrinking ? SKMipmapMode.Linear : SKMipmapMode.None);
            canvas.DrawImage(source, from, to, sampling);
        }

        ToChw(canvasBitmap.GetPixelSpan(), inputWidth * inputHeight, chw);
        return box;
    }

    private static void ToChw(ReadOnlySpan<byte> rgba, int planeSize, Span<float> chw)
    {
        const float inv = 1f / 255f;
        var r = chw[..planeSize];
        var g = chw.Slice(planeSize, planeSize);
        var b = chw.Slice(2 * planeSize, planeSize);
        for (var i = 0; i < planeSize; i++)
        {
            var p = i * 4;
            r[i] = rgba[p] * inv;
            g[i] = rgba[p + 1] * inv;
            b[i] = rgba[p + 2] * inv;
        }
    }
}
