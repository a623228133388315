using SkiaSharp;

namespace Demeter.Inference.Synthetic;

/// <summary>Brownish soil: a base colour per photo, slow patches of light and shade, per-pixel grain and a few dark stones.</summary>
internal static class SoilPainter
{
    private const int PatchPx = 96;

    public static void Paint(SKBitmap bitmap, Random random)
    {
        var baseR = 118 + random.Next(-10, 11);
        var baseG = 90 + random.Next(-8, 9);
        var baseB = 64 + random.Next(-8, 9);
        var w = bitmap.Width;
        var h = bitmap.Height;
        var shade = Patches(w, h, random);
        var grain = new Grain((ulong)random.NextInt64() | 1);

        var pixels = bitmap.GetPixelSpan();
        var row = new float[w];
        for (var y = 0; y < h; y++)
        {
            ShadeRow(shade, y, row);
            var line = pixels.Slice(y * bitmap.RowBytes, w * 4);
            for (var x = 0; x < w; x++)
            {
                // Grain is mostly luminance (±12) with a little independent chroma (±3) per channel.
                var bits = grain.Next();
                var lum = (int)(bits & 0x1F) - 16;
                var s = row[x];
                var p = x * 4;
                line[p] = Clamp((baseR * s) + (lum * 0.75f) + (int)((bits >> 8) & 7) - 3);
                line[p + 1] = Clamp((baseG * s) + (lum * 0.75f) + (int)((bits >> 16) & 7) - 3);
                line[p + 2] = Clamp((baseB * s) + (lum * 0.75f) + (int)((bits >> 24) & 7) - 3);
                line[p + 3] = 255;
            }
        }

        DrawStones(bitmap, random);
    }

    private static float[,] Patches(int w, int h, Random random)
    {
        var shade = new float[(w / PatchPx) + 2, (h / PatchPx) + 2];
        for (var i = 0; i < shade.GetLength(0); i++)
        {
            for (var j = 0; j < shade.GetLength(1); j++)
            {
                shade[i, j] = 0.88f + (0.24f * random.NextSingle());
            }
        }

        return shade;
    }

    private static void ShadeRow(float[,] shade, int y, float[] row)
    {
        var gy = y / (float)PatchPx;
        var j = (int)gy;
        var fy = gy - j;
        for (var x = 0; x < row.Length; x++)
        {
            var gx = x / (float)PatchPx;
            var i = (int)gx;
            var fx = gx - i;
            var top = shade[i, j] + ((shade[i + 1, j] - shade[i, j]) * fx);
            var bottom = shade[i, j + 1] + ((shade[i + 1, j + 1] - shade[i, j + 1]) * fx);
            row[x] = top + ((bottom - top) * fy);
        }
    }

    private static void DrawStones(SKBitmap bitmap, Random random)
    {
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true };
        var stones = (int)((long)bitmap.Width * bitmap.Height / 50_000) + 1;
        for (var k = 0; k < stones; k++)
        {
            var v = random.Next(55, 96);
            paint.Color = new SKColor((byte)(v + 4), (byte)v, (byte)(v - 3));
            var x = random.NextSingle() * bitmap.Width;
            var y = random.NextSingle() * bitmap.Height;
            var rx = 3 + (random.NextSingle() * 9);
            var ry = rx * (0.6f + (0.4f * random.NextSingle()));
            canvas.DrawOval(x, y, rx, ry, paint);
        }
    }

    private static byte Clamp(float v) => (byte)Math.Clamp((int)v, 0, 255);

    /// <summary>xorshift64*: cheap deterministic bits for millions of pixels (System.Random per pixel is several times slower).</summary>
    private struct Grain(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            return _state * 0x2545F4914F6CDD1DUL;
        }
    }
}
