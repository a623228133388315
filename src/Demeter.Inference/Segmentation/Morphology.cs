namespace Demeter.Inference.Segmentation;

/// <summary>Binary morphology on small row-major masks with square structuring elements (separable running min/max).</summary>
internal static class Morphology
{
    public static bool[] Close(bool[] mask, int w, int h, int radius) => radius < 1 ? mask : Erode(Dilate(mask, w, h, radius), w, h, radius);

    public static bool[] Open(bool[] mask, int w, int h, int radius) => radius < 1 ? mask : Dilate(Erode(mask, w, h, radius), w, h, radius);

    public static bool[] Dilate(bool[] mask, int w, int h, int radius) => Pass(Pass(mask, w, h, radius, true, true), w, h, radius, false, true);

    // Outside the image counts as set while eroding, so a container that touches the border keeps its edge.
    public static bool[] Erode(bool[] mask, int w, int h, int radius) => Pass(Pass(mask, w, h, radius, true, false), w, h, radius, false, false);

    /// <summary>Clear pixels not connected (4-connectivity) to the border become set: holes inside regions are filled.</summary>
    public static bool[] FillHoles(bool[] mask, int w, int h)
    {
        var outside = new bool[mask.Length];
        var queue = new Queue<int>();
        void Seed(int i)
        {
            if (!mask[i] && !outside[i])
            {
                outside[i] = true;
                queue.Enqueue(i);
            }
        }

        for (var x = 0; x < w; x++)
        {
            Seed(x);
            Seed(((h - 1) * w) + x);
        }

        for (var y = 0; y < h; y++)
        {
            Seed(y * w);
            Seed((y * w) + w - 1);
        }

        while (queue.Count > 0)
        {
            var i = queue.Dequeue();
            var (x, y) = (i % w, i / w);
            if (x > 0) Seed(i - 1);
            if (x < w - 1) Seed(i + 1);
            if (y > 0) Seed(i - w);
            if (y < h - 1) Seed(i + w);
        }

        var filled = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            filled[i] = mask[i] || !outside[i];
        }

        return filled;
    }

    /// <summary>4-connected component labels 1…count (0 = background).</summary>
    public static int[] Components(bool[] mask, int w, int h, out int count)
    {
        var labels = new int[mask.Length];
        var queue = new Queue<int>();
        count = 0;
        for (var start = 0; start < mask.Length; start++)
        {
            if (!mask[start] || labels[start] != 0)
            {
                continue;
            }

            var label = ++count;
            labels[start] = label;
            queue.Enqueue(start);
            while (queue.Count > 0)
            {
                var i = queue.Dequeue();
                var (x, y) = (i % w, i / w);
                foreach (var n in (ReadOnlySpan<int>)[x > 0 ? i - 1 : -1, x < w - 1 ? i + 1 : -1, y > 0 ? i - w : -1, y < h - 1 ? i + w : -1])
                {
                    if (n >= 0 && mask[n] && labels[n] == 0)
                    {
                        labels[n] = label;
                        queue.Enqueue(n);
                    }
                }
            }
        }

        return labels;
    }

    private static bool[] Pass(bool[] mask, int w, int h, int radius, bool horizontal, bool dilate)
    {
        var result = new bool[mask.Length];
        var (lines, length) = horizontal ? (h, w) : (w, h);
        for (var line = 0; line < lines; line++)
        {
            int At(int k) => horizontal ? (line * w) + k : (k * w) + line;

            // Count of set pixels in the window [k − r, k + r] along the line, updated as it slides.
            var set = 0;
            for (var k = 0; k <= Math.Min(radius, length - 1); k++)
            {
                set += mask[At(k)] ? 1 : 0;
            }

            for (var k = 0; k < length; k++)
            {
                var lo = Math.Max(0, k - radius);
                var hi = Math.Min(length - 1, k + radius);
                result[At(k)] = dilate ? set > 0 : set == hi - lo + 1;
                var leaving = k - radius;
                if (leaving >= 0)
                {
                    set -= mask[At(leaving)] ? 1 : 0;
                }

                var entering = k + radius + 1;
                if (entering < length)
                {
                    set += mask[At(entering)] ? 1 : 0;
                }
            }
        }

        return result;
    }
}
