using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Estimation;

/// <summary>Binary masks over a crop, row-major, one bool per pixel.</summary>
internal static class PixelMasks
{
    /// <summary>
    /// Pixels covered by the detected plants: a filled disc of radius floor(factor · max(w, h)) at each detection's
    /// integer centre, then a Gaussian blur (σ as OpenCV derives it from the kernel size) re-binarized at half, which
    /// rounds the outline of touching discs. Malformed detections (non-positive or non-finite size) are skipped.
    /// </summary>
    public static bool[] DetectionDiscs(PixelRect crop, IReadOnlyList<Detection> detections, double radiusFactor, int kernel)
    {
        var (w, h) = (crop.Width, crop.Height);
        var mask = new byte[w * h];
        foreach (var d in detections)
        {
            if (!(d.Width > 0 && d.Height > 0 && float.IsFinite(d.X1) && float.IsFinite(d.Y1) && float.IsFinite(d.X2) && float.IsFinite(d.Y2)))
            {
                continue;
            }

            var cx = (int)d.Center.X - crop.X;
            var cy = (int)d.Center.Y - crop.Y;
            var r = (int)(radiusFactor * Math.Max(d.Width, d.Height));
            FillDisc(mask, w, h, cx, cy, r);
        }

        return Threshold(kernel > 1 ? GaussianBlur(mask, w, h, kernel) : mask);
    }

    /// <summary>Morphological opening with a 3×3 square over rows [start, end) (pixels beyond the crop do not erode).</summary>
    public static void Open3x3(bool[] mask, int width, int start, int end)
    {
        var eroded = new bool[mask.Length];
        for (var y = start; y < end; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var keep = mask[(y * width) + x];
                for (var dy = -1; dy <= 1 && keep; dy++)
                {
                    var yy = y + dy;
                    if (yy < start || yy >= end)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1 && keep; dx++)
                    {
                        var xx = x + dx;
                        keep = xx < 0 || xx >= width || mask[(yy * width) + xx];
                    }
                }

                eroded[(y * width) + x] = keep;
            }
        }

        for (var y = start; y < end; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var any = false;
                for (var dy = -1; dy <= 1 && !any; dy++)
                {
                    var yy = y + dy;
                    if (yy < start || yy >= end)
                    {
                        continue;
                    }

                    for (var dx = -1; dx <= 1 && !any; dx++)
                    {
                        var xx = x + dx;
                        any = xx >= 0 && xx < width && eroded[(yy * width) + xx];
                    }
                }

                mask[(y * width) + x] = any;
            }
        }
    }

    private static void FillDisc(byte[] mask, int w, int h, int cx, int cy, int r)
    {
        if (r < 0)
        {
            return;
        }

        var r2 = (long)r * r;
        for (var y = Math.Max(0, cy - r); y <= Math.Min(h - 1, cy + r); y++)
        {
            var dy = y - cy;
            var half = (int)Math.Floor(Math.Sqrt(r2 - ((long)dy * dy)));
            var x1 = Math.Max(0, cx - half);
            var x2 = Math.Min(w - 1, cx + half);
            if (x1 <= x2)
            {
                Array.Fill(mask, (byte)255, (y * w) + x1, x2 - x1 + 1);
            }
        }
    }

    /// <summary>Separable Gaussian with OpenCV's σ = 0.3·((k − 1)/2 − 1) + 0.8 and mirrored borders (reflect-101).</summary>
    private static byte[] GaussianBlur(byte[] source, int w, int h, int k)
    {
        var sigma = (0.3 * (((k - 1) * 0.5) - 1)) + 0.8;
        var radius = k / 2;
        var weights = new int[k];
        var raw = Enumerable.Range(-radius, k).Select(i => Math.Exp(-(i * i) / (2 * sigma * sigma))).ToArray();
        var sum = raw.Sum();
        for (var i = 0; i < k; i++)
        {
            weights[i] = (int)Math.Round(raw[i] / sum * 65536);
        }

        var rows = new int[w * h];
        for (var y = 0; y < h; y++)
        {
            var at = y * w;
            if (Array.IndexOf(source, (byte)255, at, w) < 0)
            {
                continue;
            }

            for (var x = 0; x < w; x++)
            {
                var acc = 0;
                for (var i = -radius; i <= radius; i++)
                {
                    acc += weights[i + radius] * source[at + Mirror(x + i, w)];
                }

                rows[at + x] = acc >> 16;
            }
        }

        var result = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var acc = 0L;
                for (var i = -radius; i <= radius; i++)
                {
                    acc += (long)weights[i + radius] * rows[(Mirror(y + i, h) * w) + x];
                }

                result[(y * w) + x] = (byte)Math.Clamp(acc >> 16, 0, 255);
            }
        }

        return result;
    }

    private static int Mirror(int i, int n) => n == 1 ? 0 : i < 0 ? Math.Min(-i, n - 1) : i >= n ? Math.Max(0, (2 * n) - i - 2) : i;

    private static bool[] Threshold(byte[] mask)
    {
        var result = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            result[i] = mask[i] > 127;
        }

        return result;
    }
}
