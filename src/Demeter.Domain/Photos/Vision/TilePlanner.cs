namespace Demeter.Domain.Photos.Vision;

/// <summary>SAHI slicing: the tile grid that covers an image with a given tile size and overlap ratio.</summary>
public static class TilePlanner
{
    /// <summary>
    /// Tiles in row-major order. Overlap o = floor(r·s), stride s − o; the last tile of each row/column is
    /// shifted back to end at the image edge, so every tile is full size unless the image is smaller than a
    /// tile in that dimension, where the tile is clipped to the image.
    /// </summary>
    public static IReadOnlyList<PixelRect> Plan(int widthPx, int heightPx, int tileSizePx, double overlapRatio)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(widthPx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(heightPx, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(tileSizePx, 1);
        if (double.IsNaN(overlapRatio) || overlapRatio < 0 || overlapRatio >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(overlapRatio), overlapRatio, "Overlap ratio must be in [0, 1).");
        }

        var overlapPx = (int)Math.Floor(overlapRatio * tileSizePx);
        var stride = tileSizePx - overlapPx;
        if (stride < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(overlapRatio), overlapRatio, "Overlap leaves no stride for this tile size.");
        }

        var xs = AxisStarts(widthPx, tileSizePx, stride);
        var ys = AxisStarts(heightPx, tileSizePx, stride);
        var tileWidth = Math.Min(tileSizePx, widthPx);
        var tileHeight = Math.Min(tileSizePx, heightPx);

        var tiles = new List<PixelRect>(xs.Length * ys.Length);
        foreach (var y in ys)
        {
            foreach (var x in xs)
            {
                tiles.Add(new PixelRect(x, y, tileWidth, tileHeight));
            }
        }

        return tiles;
    }

    /// <summary>How many tiles <see cref="Plan"/> makes, without making them (a 1,000,000 px strip is thousands).</summary>
    public static long Count(int widthPx, int heightPx, int tileSizePx, double overlapRatio)
    {
        var stride = tileSizePx - (int)Math.Floor(overlapRatio * tileSizePx);
        return (long)TilesAlong(widthPx, tileSizePx, stride) * TilesAlong(heightPx, tileSizePx, stride);
    }

    /// <summary>n = 1 if L ≤ s, else ceil((L − s)/stride) + 1.</summary>
    public static int TilesAlong(int lengthPx, int tileSizePx, int stride) =>
        lengthPx <= tileSizePx ? 1 : (int)Math.Ceiling((lengthPx - tileSizePx) / (double)stride) + 1;

    private static int[] AxisStarts(int lengthPx, int tileSizePx, int stride)
    {
        var count = TilesAlong(lengthPx, tileSizePx, stride);
        var starts = new int[count];
        for (var i = 0; i < count; i++)
        {
            starts[i] = Math.Max(0, Math.Min(i * stride, lengthPx - tileSizePx));
        }

        return starts;
    }
}
