using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var target = Tensor.AsSpan(slot * ImageLength, ImageLength);
        if (box.ResizedWidth == region.Width && box.ResizedHeight == region.Height && box.PadX == 0 && box.PadY == 0
            && input.Image.ColorType == SKColorType.Rgba8888 && input.Image.AlphaType is SKAlphaType.Premul or SKAlphaType.Opaque)
        {
            // A region exactly the input's size: drawing it would copy it pixel for pixel, so its pixels are read in place.
            var rowBytes = input.Image.RowBytes;
            ToChw(input.Image.GetPixelSpan()[((region.Y * rowBytes) + (region.X * 4))..], rowBytes, InputWidth, InputHeight, target);
            return box;
        }

        _canvas.Clear(new SKColor(Letterbox.PadValue, Letterbox.PadValue, Letterbox.PadValue));
        // The region's own pixels are the source image, so the filter clamps at its edges instead of reading the
        // photo beyond them: a tile is drawn alike from the photo in place and from a copy sent to another node.
        using (var pixels = input.Image.PeekPixels())
        using (var subset = pixels.ExtractSubset(new SKRectI(region.X, region.Y, region.Right, region.Bottom)))
        using (var source = SKImage.FromPixels(subset))
        {
            var to = SKRect.Create(box.PadX, box.PadY, box.ResizedWidth, box.ResizedHeight);

            // Mipmaps only when shrinking: without them a whole 12 MP photo squeezed into 640 px aliases badly.
            var shrinking = box.ScaleX < 1f || box.ScaleY < 1f;
            var sampling = new SKSamplingOptions(SKFilterMode.Linear, shrinking ? SKMipmapMode.Linear : SKMipmapMode.None);
            _canvas.DrawImage(source, SKRect.Create(0, 0, region.Width, region.Height), to, sampling);
        }

        _canvas.Flush();
        ToChw(_canvasBitmap.GetPixelSpan(), _canvasBitmap.RowBytes, InputWidth, InputHeight, target);
        return box;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _canvasBitmap.Dispose();
    }

    /// <summary>RGBA rows (premultiplied, opaque in practice) to R, G and B planes of floats in [0, 1].</summary>
    private static void ToChw(ReadOnlySpan<byte> rgba, int rowBytes, int width, int height, Span<float> chw)
    {
        var plane = width * height;
        if (chw.Length < 3 * plane || rgba.Length < ((height - 1) * rowBytes) + (width * 4))
        {
            throw new ArgumentException("The pixels or the tensor are smaller than the image.");
        }

        // Unchecked reads: both bounds were checked once above, and this loop runs for every input pixel of every tile.
        ref var scale = ref MemoryMarshal.GetArrayDataReference(UnitScale);
        ref var source = ref MemoryMarshal.GetReference(rgba);
        ref var r = ref MemoryMarshal.GetReference(chw);
        ref var g = ref Unsafe.Add(ref r, plane);
        ref var b = ref Unsafe.Add(ref r, 2 * plane);
        for (var y = 0; y < height; y++)
        {
            ref var row = ref Unsafe.Add(ref source, y * rowBytes);
            var o = y * width;
            for (var x = 0; x < width; x++)
            {
                ref var p = ref Unsafe.Add(ref row, x * 4);
                Unsafe.Add(ref r, o + x) = Unsafe.Add(ref scale, p);
                Unsafe.Add(ref g, o + x) = Unsafe.Add(ref scale, Unsafe.Add(ref p, 1));
                Unsafe.Add(ref b, o + x) = Unsafe.Add(ref scale, Unsafe.Add(ref p, 2));
            }
        }
    }
}
