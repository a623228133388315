using Demeter.Domain.Photos.Vision;
using SkiaSharp;

namespace Demeter.Inference.Detectors;

/// <summary>
/// Draws regions of images letterboxed into a model's input and converts them to RGB CHW floats in [0, 1], into
/// buffers it keeps for the next batch: one renderer per thread that runs a detector, so a tile costs one draw and one
/// conversion, not a fresh canvas and tensor.
/// </summary>
public sealed class LetterboxRenderer : IDisposable
{
    private static readonly float[] UnitScale = Enumerable.Range(0, 256).Select(v => v * (1f / 255f)).ToArray();

    private readonly SKBitmap _canvasBitmap;
    private readonly SKCanvas _canvas;

    public LetterboxRenderer(int inputWidth, int inputHeight, int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inputHeight, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        InputWidth = inputWidth;
        InputHeight = inputHeight;
        MaxBatch = maxBatch;
        _canvasBitmap = new SKBitmap(new SKImageInfo(inputWidth, inputHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        _canvas = new SKCanvas(_canvasBitmap);
        Tensor = new float[maxBatch * ImageLength];
    }

    public int InputWidth { get; }

    public int InputHeight { get; }

    public int MaxBatch { get; }

    /// <summary>Values of one image in <see cref="Tensor"/>: 3 × H × W.</summary>
    public int ImageLength => 3 * InputWidth * InputHeight;

    /// <summary>The batch tensor's values, image after image.</summary>
    public float[] Tensor { get; }

    /// <summary>Renders <paramref name="input"/> as image <paramref name="slot"/> of the batch and returns its letterbox.</summary>
    public Letterbox Render(DetectionInput input, int slot)
    {
        input.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, MaxBatch);
        var region = input.Region;
        var box = Letterbox.Fit(region.Width, region.Height, InputWidth, InputHeight);
        _canvas.Clear(new SKColor(Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue));
        using (var pixels = input.Image.PeekPixels())
        using (var source = SKImage.FromPixels(pixels))
        {
            var from = SKRect.Create(region.X, region.Y, region.Width, region.Height);
            var to = SKRect.Create(box.PadX, box.PadY, box.ResizedWidth, box.ResizedHeight);

            // Mipmaps only when shrinking: without them a whole 12 MP photo squeezed into 640 px aliases badly.
            var shrinking = box.ScaleX < 1f || box.ScaleY < 1f;
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, shrinking ? SKMipmapMode.Linear : SKMipmapMode.None);
            _canvas.DrawImage(source, from, to, sampling);
        }

        _canvas.Flush();
        ToChw(_canvasBitmap.GetPixelSpan(), InputWidth * InputHeight, Tensor.AsSpan(slot * ImageLength, ImageLength));
        return box;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _canvasBitmap.Dispose();
    }

    private static void ToChw(ReadOnlySpan<byte> rgba, int planeSize, Span<float> chw)
    {
        var scale = UnitScale;
        var r = chw[..planeSize];
        var g = chw.Slice(planeSize, planeSize);
        var b = chw.Slice(2 * planeSize, planeSize);
        for (var i = 0; i < planeSize; i++)
        {
            var p = i * 4;
            r[i] = scale[rgba[p]];
            g[i] = scale[rgba[p + 1]];
            b[i] = scale[rgba[p + 2]];
        }
    }
}
