using System.Numerics;
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

        if (box.ScaleX >= 1f && box.ScaleY >= 1f && input.Image.BytesPerPixel == 4)
        {
            Upscale(input, box, target);
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

    /// <summary>
    /// Bilinear enlargement straight into the planes (a SAHI tile smaller than the model input): pixel centres map as
    /// a canvas maps them, samples clamp at the region's edges, and the values stay floats instead of being rounded back
    /// to bytes. Separable: each source row is interpolated across once, then output rows blend two of those. It takes a
    /// quarter of the time of drawing the tile on a canvas and converting the result.
    /// </summary>
    private void Upscale(DetectionInput input, Letterbox box, Span<float> chw)
    {
        var (region, image) = (input.Region, input.Image);
        var plane = InputWidth * InputHeight;
        chw.Fill(UnitScale[Letterbox.PadValue]);
        var (width, height) = (box.ResizedWidth, box.ResizedHeight);
        var (x0, x1, wx) = Taps(region.Width, width);
        var (y0, y1, wy) = Taps(region.Height, height);
        var (red, blue) = image.ColorType == SKColorType.Bgra8888 ? (2, 0) : (0, 2);
        var pixels = image.GetPixelSpan();
        var rowBytes = image.RowBytes;

        // Source rows interpolated across the output's width, one plane per channel (R, G, B back to back); an output
        // row blends two of them, and the next output row usually reuses them.
        var (top, bottom) = (new float[3 * width], new float[3 * width]);
        var (topRow, bottomRow) = (-1, -1);
        for (var y = 0; y < height; y++)
        {
            if (y0[y] != topRow)
            {
                if (y0[y] == bottomRow)
                {
                    (top, bottom) = (bottom, top);
                    (topRow, bottomRow) = (bottomRow, -1);
                }
                else
                {
                    Across(pixels.Slice(((region.Y + y0[y]) * rowBytes) + (region.X * 4), region.Width * 4), x0, x1, wx, red, blue, top);
                    topRow = y0[y];
                }
            }

            if (y1[y] != bottomRow)
            {
                Across(pixels.Slice(((region.Y + y1[y]) * rowBytes) + (region.X * 4), region.Width * 4), x0, x1, wx, red, blue, bottom);
                bottomRow = y1[y];
            }

            var at = ((box.PadY + y) * InputWidth) + box.PadX;
            for (var c = 0; c < 3; c++)
            {
                Blend(top.AsSpan(c * width, width), bottom.AsSpan(c * width, width), wy[y], chw.Slice((c * plane) + at, width));
            }
        }
    }

    /// <summary>(t + (b − t)·w) / 255 element by element.</summary>
    private static void Blend(ReadOnlySpan<float> t, ReadOnlySpan<float> b, float w, Span<float> output)
    {
        var x = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (weight, scale) = (new Vector<float>(w), new Vector<float>(1f / 255f));
            for (; x <= output.Length - Vector<float>.Count; x += Vector<float>.Count)
            {
                var vt = new Vector<float>(t[x..]);
                ((vt + ((new Vector<float>(b[x..]) - vt) * weight)) * scale).CopyTo(output[x..]);
            }
        }

        for (; x < output.Length; x++)
        {
            output[x] = (t[x] + ((b[x] - t[x]) * w)) * (1f / 255f);
        }
    }

    private static void Across(ReadOnlySpan<byte> row, int[] x0, int[] x1, float[] wx, int red, int blue, float[] values)
    {
        // Unchecked reads: the taps were clamped to the row when they were made, and this runs for every source row of every tile.
        var width = x0.Length;
        ref var source = ref MemoryMarshal.GetReference(row);
        ref var r = ref MemoryMarshal.GetArrayDataReference(values);
        ref var g = ref Unsafe.Add(ref r, width);
        ref var b = ref Unsafe.Add(ref r, 2 * width);
        for (var x = 0; x < width; x++)
        {
            ref var p = ref Unsafe.Add(ref source, x0[x] * 4);
            ref var q = ref Unsafe.Add(ref source, x1[x] * 4);
            var f = wx[x];
            float pr = Unsafe.Add(ref p, red), pg = Unsafe.Add(ref p, 1), pb = Unsafe.Add(ref p, blue);
            Unsafe.Add(ref r, x) = pr + ((Unsafe.Add(ref q, red) - pr) * f);
            Unsafe.Add(ref g, x) = pg + ((Unsafe.Add(ref q, 1) - pg) * f);
            Unsafe.Add(ref b, x) = pb + ((Unsafe.Add(ref q, blue) - pb) * f);
        }
    }

    /// <summary>For each of <paramref name="to"/> output pixels, the two source pixels it lies between and the weight of the second.</summary>
    private static (int[] First, int[] Second, float[] Weight) Taps(int from, int to)
    {
        var (first, second, weight) = (new int[to], new int[to], new float[to]);
        var step = from / (double)to;
        for (var i = 0; i < to; i++)
        {
            var at = Math.Max(0, ((i + 0.5) * step) - 0.5);
            var lower = Math.Min((int)Math.Floor(at), from - 1);
            first[i] = lower;
            second[i] = Math.Min(lower + 1, from - 1);
            weight[i] = (float)(at - lower);
        }

        return (first, second, weight);
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
