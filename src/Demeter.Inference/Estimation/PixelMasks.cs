using System.Numerics;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Morphological opening with a 3×3 square over rows [start, end) (pixels beyond the crop or the rows do not erode),
    /// as separable 3-wide minima then maxima.
    /// </summary>
    public static void Open3x3(bool[] mask, int width, int start, int end)
    {
        var n = (end - start) * width;
        var a = new bool[n];
        var b = new bool[n];
        var offset = start * width;
        Pass(mask.AsSpan(offset, n), a, width, horizontal: true, erode: true);
        Pass(a, b, width, horizontal: false, erode: true);
        Pass(b, a, width, horizontal: true, erode: false);
        Pass(a, mask.AsSpan(offset, n), width, horizontal: false, erode: false);
    }

    // Masks hold 0/1 bytes, so a 3-wide minimum is an AND of three shifted spans and a maximum an OR: a few vector
    // operations per row instead of a branch per pixel (an opening runs over every band of a 12 MP container).
    private static void Pass(ReadOnlySpan<bool> fromMask, Span<bool> toMask, int width, bool horizontal, bool erode)
    {
        var from = MemoryMarshal.Cast<bool, byte>(fromMask);
        var to = MemoryMarshal.Cast<bool, byte>(toMask);
        var rows = from.Length / width;
        var edge = (byte)(erode ? 1 : 0);
        if (horizontal)
        {
            for (var y = 0; y < rows; y++)
            {
                var row = from.Slice(y * width, width);
                var target = to.Slice(y * width, width);
                if (width == 1)
                {
                    target[0] = Combine(Combine(edge, row[0], erode), edge, erode);
                    continue;
                }

                Combine3(row[..^2], row[1..^1], row[2..], target[1..^1], erode);
                target[0] = Combine(Combine(edge, row[0], erode), row[1], erode);
                target[^1] = Combine(Combine(row[^2], row[^1], erode), edge, erode);
            }

            return;
        }

        for (var y = 0; y < rows; y++)
        {
            var middle = from.Slice(y * width, width);
            var above = y == 0 ? default : from.Slice((y - 1) * width, width);
            var below = y == rows - 1 ? default : from.Slice((y + 1) * width, width);
            var target = to.Slice(y * width, width);
            if (above.IsEmpty || below.IsEmpty)
            {
                // Beyond the rows: set for an erosion (it does not eat the edge), clear for a dilation.
                var inside = above.IsEmpty ? below : above;
                if (inside.IsEmpty)
                {
                    for (var x = 0; x < width; x++)
                    {
                        target[x] = Combine(Combine(edge, middle[x], erode), edge, erode);
                    }
                }
                else
                {
                    for (var x = 0; x < width; x++)
                    {
                        target[x] = Combine(Combine(edge, middle[x], erode), inside[x], erode);
                    }
                }

                continue;
            }

            Combine3(above, middle, below, target, erode);
        }
    }

    private static byte Combine(byte a, byte b, bool and) => (byte)(and ? a & b : a | b);

    private static void Combine3(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, Span<byte> to, bool and)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= to.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                var (va, vb, vc) = (new Vector<byte>(a[i..]), new Vector<byte>(b[i..]), new Vector<byte>(c[i..]));
                (and ? va & vb & vc : va | vb | vc).CopyTo(to[i..]);
            }
        }

        for (; i < to.Length; i++)
        {
            to[i] = (byte)(and ? a[i] & b[i] & c[i] : a[i] | b[i] | c[i]);
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

    /// <summary>
    /// Separable Gaussian with OpenCV's σ = 0.3·((k − 1)/2 − 1) + 0.8 and mirrored borders (reflect-101). A window of
    /// one value blurs to that value, so each pass convolves only the pixels within a radius of a change of value
    /// along its direction (and those whose window reaches past the border): the edges of the discs, a small part of a
    /// 12 MP mask. Changes are found by vectorized run scans, row by row in both passes.
    /// </summary>
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

        // The weights sum to 65536 ± rounding; a uniform window keeps its exact value rather than one off by rounding.
        var rows = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = source.AsSpan(y * w, w);
            if (!row.Contains((byte)255))
            {
                continue;
            }

            var target = rows.AsSpan(y * w, w);
            row.CopyTo(target);
            var done = -1;
            void Convolve(int from, int to, ReadOnlySpan<byte> line, Span<byte> into)
            {
                for (var x = Math.Max(from, done + 1); x <= Math.Min(to, w - 1); x++)
                {
                    var acc = 0;
                    for (var i = -radius; i <= radius; i++)
                    {
                        acc += weights[i + radius] * line[Mirror(x + i, w)];
                    }

                    into[x] = (byte)Math.Clamp(acc >> 16, 0, 255);
                    done = x;
                }
            }

            Convolve(0, radius - 1, row, target);
            for (var x = 1; x < w;)
            {
                var run = row[x..].IndexOfAnyExcept(row[x - 1]);
                if (run < 0)
                {
                    break;
                }

                x += run;
                Convolve(x - radius, x + radius - 1, row, target);
                x++;
            }

            Convolve(w - radius, w - 1, row, target);
        }

        // Vertically: lastChange[x] is the latest row r ≤ y + radius where column x differs from row r − 1; a pixel
        // whose window holds no change (and lies a radius inside the border) keeps its value.
        var result = (byte[])rows.Clone();
        var lastChange = new int[w];
        Array.Fill(lastChange, int.MinValue / 2);
        for (var r = 1; r <= Math.Min(radius, h - 1); r++)
        {
            MarkChanges(rows, w, r, lastChange);
        }

        for (var y = 0; y < h; y++)
        {
            if (y > 0 && y + radius < h)
            {
                MarkChanges(rows, w, y + radius, lastChange);
            }

            var border = y < radius || y + radius >= h;
            var at = y * w;
            for (var x = 0; x < w; x++)
            {
                if (!border && lastChange[x] <= y - radius)
                {
                    continue;
                }

                var acc = 0L;
                for (var i = -radius; i <= radius; i++)
                {
                    acc += (long)weights[i + radius] * rows[(Mirror(y + i, h) * w) + x];
                }

                result[at + x] = (byte)Math.Clamp(acc >> 16, 0, 255);
            }
        }

        return result;
    }

    /// <summary>Records row <paramref name="r"/> as the latest change in every column where it differs from the row above.</summary>
    private static void MarkChanges(byte[] rows, int w, int r, int[] lastChange)
    {
        var above = rows.AsSpan((r - 1) * w, w);
        var here = rows.AsSpan(r * w, w);
        for (var x = 0; x < w;)
        {
            var same = above[x..].CommonPrefixLength(here[x..]);
            x += same;
            if (x >= w)
            {
                return;
            }

            lastChange[x] = r;
            x++;
        }
    }

    private static int Mirror(int i, int n) => n == 1 ? 0 : i < 0 ? Math.Min(-i, n - 1) : i >= n ? Math.Max(0, (2 * n) - i - 2) : i;

    private static bool[] Threshold(byte[] mask)
    {
        var result = new bool[mask.Length];
        var to = MemoryMarshal.Cast<bool, byte>(result.AsSpan());
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var half = new Vector<byte>(127);
            var one = Vector<byte>.One;
            for (; i <= mask.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                (Vector.GreaterThan(new Vector<byte>(mask.AsSpan(i)), half) & one).CopyTo(to[i..]);
            }
        }

        for (; i < mask.Length; i++)
        {
            result[i] = mask[i] > 127;
        }

        return result;
    }

    /// <summary><paramref name="mask"/> &amp;= !<paramref name="removed"/>, pixel by pixel (both 0/1 per pixel).</summary>
    public static void Subtract(bool[] mask, bool[] removed)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(removed.Length, mask.Length);
        var to = MemoryMarshal.Cast<bool, byte>(mask.AsSpan());
        var off = MemoryMarshal.Cast<bool, byte>(removed.AsSpan());
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= to.Length - Vector<byte>.Count; i += Vector<byte>.Count)
            {
                Vector.AndNot(new Vector<byte>(to[i..]), new Vector<byte>(off[i..])).CopyTo(to[i..]);
            }
        }

        for (; i < to.Length; i++)
        {
            mask[i] &= !removed[i];
        }
    }
}
