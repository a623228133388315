using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Detectors;

/// <summary>
/// One instance's mask in the frame of its detection (a region or the photo): <see cref="Bounds"/> is the box's
/// whole-pixel rectangle and <see cref="Pixels"/> says, row by row, which of its pixels belong to the object.
/// </summary>
public sealed class InstanceMask(PixelRect bounds, bool[] pixels)
{
    public PixelRect Bounds { get; } = bounds;

    public bool[] Pixels { get; } = pixels.Length == bounds.AreaPx ? pixels : throw new ArgumentException("One value per pixel of the bounds.", nameof(pixels));

    /// <summary>Pixels of the object.</summary>
    public int Area { get; } = pixels.Count(p => p);

    public bool Contains(int x, int y) => Bounds.Contains(x, y) && Pixels[((y - Bounds.Y) * Bounds.Width) + (x - Bounds.X)];
}

/// <summary>
/// A YOLO segment head's masks, as Ultralytics computes them: mask = sigmoid(coefficients · prototypes) on the
/// prototype grid (1/4 of the model input), cropped to the box, upscaled bilinearly to the input, the letterbox
/// undone, and thresholded at 0.5. Each pixel of the box in the target frame samples the prototype grid at its
/// centre, so the upscale and the letterbox undo are one resampling, exact at any source size.
/// </summary>
public static class InstanceMaskDecoder
{
    /// <param name="prototypes">The prototype tensor's values.</param>
    /// <param name="prototypeShape">Its shape, (1, nm, h, w).</param>
    /// <param name="coefficients">The candidate's nm coefficients.</param>
    /// <param name="box">The kept detection in the target frame (already clipped to it).</param>
    /// <param name="letterbox">How the target frame was fitted into the model input.</param>
    /// <param name="inputWidth">The model input's width in pixels.</param>
    /// <param name="inputHeight">The model input's height in pixels.</param>
    public static InstanceMask Decode(
        ReadOnlySpan<float> prototypes, ReadOnlySpan<long> prototypeShape, ReadOnlySpan<float> coefficients, Detection box, Letterbox letterbox, int inputWidth, int inputHeight)
    {
        if (prototypeShape.Length != 4 || prototypeShape[0] != 1 || prototypeShape[1] != coefficients.Length
            || prototypeShape[2] < 1 || prototypeShape[3] < 1 || prototypeShape[1] * prototypeShape[2] * prototypeShape[3] != prototypes.Length)
        {
            throw new InvalidModelException(
                $"Mask prototypes ({string.Join(", ", prototypeShape.ToArray())}) do not fit {coefficients.Length} coefficients over {prototypes.Length} values.");
        }

        var (channels, gridH, gridW) = ((int)prototypeShape[1], (int)prototypeShape[2], (int)prototypeShape[3]);
        var bounds = new PixelRect(
            (int)Math.Floor(box.X1), (int)Math.Floor(box.Y1), Math.Max(0, (int)Math.Ceiling(box.X2) - (int)Math.Floor(box.X1)), Math.Max(0, (int)Math.Ceiling(box.Y2) - (int)Math.Floor(box.Y1)));
        var pixels = new bool[bounds.AreaPx];
        if (pixels.Length == 0)
        {
            return new InstanceMask(bounds, pixels);
        }

        // The grid cells the box reaches (one cell of margin for the bilinear neighbours), as sigmoid values.
        var (gx1, gy1) = ToGrid(letterbox.ToInput(bounds.X, bounds.Y), gridW, gridH, inputWidth, inputHeight);
        var (gx2, gy2) = ToGrid(letterbox.ToInput(bounds.Right, bounds.Bottom), gridW, gridH, inputWidth, inputHeight);
        var cx0 = Math.Clamp((int)Math.Floor(gx1) - 1, 0, gridW - 1);
        var cy0 = Math.Clamp((int)Math.Floor(gy1) - 1, 0, gridH - 1);
        var cx1 = Math.Clamp((int)Math.Ceiling(gx2) + 1, 0, gridW - 1);
        var cy1 = Math.Clamp((int)Math.Ceiling(gy2) + 1, 0, gridH - 1);
        var cw = cx1 - cx0 + 1;
        var grid = new float[cw * (cy1 - cy0 + 1)];
        var plane = gridH * gridW;
        for (var gy = cy0; gy <= cy1; gy++)
        {
            for (var gx = cx0; gx <= cx1; gx++)
            {
                var sum = 0f;
                var at = (gy * gridW) + gx;
                for (var k = 0; k < channels; k++)
                {
                    sum += coefficients[k] * prototypes[(k * plane) + at];
                }

                grid[((gy - cy0) * cw) + (gx - cx0)] = 1f / (1f + MathF.Exp(-sum));
            }
        }

        for (var y = 0; y < bounds.Height; y++)
        {
            var py = bounds.Y + y + 0.5f;
            for (var x = 0; x < bounds.Width; x++)
            {
                var px = bounds.X + x + 0.5f;
                if (px < box.X1 || px > box.X2 || py < box.Y1 || py > box.Y2)
                {
                    continue;
                }

                var (u, v) = ToGrid(letterbox.ToInput(px, py), gridW, gridH, inputWidth, inputHeight);
                pixels[(y * bounds.Width) + x] = Bilinear(grid, cw, cx0, cy0, cx1, cy1, u, v) > 0.5f;
            }
        }

        return new InstanceMask(bounds, pixels);
    }

    // Input pixel → prototype grid coordinate of cell centres (align_corners = false, as torch's interpolate).
    private static (float U, float V) ToGrid((float X, float Y) input, int gridW, int gridH, int inputWidth, int inputHeight) =>
        ((input.X * gridW / inputWidth) - 0.5f, (input.Y * gridH / inputHeight) - 0.5f);

    private static float Bilinear(float[] grid, int cw, int cx0, int cy0, int cx1, int cy1, float u, float v)
    {
        u = Math.Clamp(u, cx0, cx1);
        v = Math.Clamp(v, cy0, cy1);
        var x0 = (int)Math.Floor(u);
        var y0 = (int)Math.Floor(v);
        var x1 = Math.Min(x0 + 1, cx1);
        var y1 = Math.Min(y0 + 1, cy1);
        var fx = u - x0;
        var fy = v - y0;
        float At(int x, int y) => grid[((y - cy0) * cw) + (x - cx0)];
        var top = (At(x0, y0) * (1 - fx)) + (At(x1, y0) * fx);
        var bottom = (At(x0, y1) * (1 - fx)) + (At(x1, y1) * fx);
        return (top * (1 - fy)) + (bottom * fy);
    }
}
