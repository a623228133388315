using System.Text.Json.Serialization;
using Demeter.Domain.Messaging;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Photos.Containers;

/// <summary>
/// Which pixels of a photo belong to one container, on a coarse grid laid over the whole photo (segmenters work
/// on a downscaled photo, so finer cells would only repeat their pixels). Stored run-length encoded, row-major:
/// <see cref="Runs"/> alternates lengths of outside and inside cells, starting with outside (possibly 0).
/// </summary>
[Manifest("photo.container-mask.v1")]
public sealed record ContainerMask(int GridWidth, int GridHeight, int PhotoWidth, int PhotoHeight, IReadOnlyList<int> Runs) : IDemeterMessage
{
    private bool[]? _cells;

    // A copy (`with`) must decode its own runs, not inherit the original's decoded cells.
    private ContainerMask(ContainerMask original)
    {
        (GridWidth, GridHeight, PhotoWidth, PhotoHeight, Runs) = (original.GridWidth, original.GridHeight, original.PhotoWidth, original.PhotoHeight, original.Runs);
    }

    [JsonIgnore]
    private bool[] Cells => _cells ??= Decode();

    /// <summary>Inside cells.</summary>
    [JsonIgnore]
    public long CellCount => Cells.LongCount(c => c);

    /// <summary>The mask's area in photo pixels (cells × pixels per cell).</summary>
    [JsonIgnore]
    public double AreaPx => CellCount * ((double)PhotoWidth / GridWidth) * ((double)PhotoHeight / GridHeight);

    public static ContainerMask FromCells(bool[] cells, int gridWidth, int gridHeight, int photoWidth, int photoHeight)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (gridWidth < 1 || gridHeight < 1 || photoWidth < 1 || photoHeight < 1 || cells.Length != (long)gridWidth * gridHeight)
        {
            throw new ArgumentException("A mask needs positive sizes and one value per grid cell.");
        }

        var runs = new List<int>();
        var current = false;
        var length = 0;
        foreach (var cell in cells)
        {
            if (cell != current)
            {
                runs.Add(length);
                current = cell;
                length = 0;
            }

            length++;
        }

        runs.Add(length);
        return new ContainerMask(gridWidth, gridHeight, photoWidth, photoHeight, runs) { _cells = (bool[])cells.Clone() };
    }

    /// <summary>A mask of every pixel of a rectangle of the photo (the whole photo, when no segmenter is used).</summary>
    public static ContainerMask FromRect(PixelRect rect, int photoWidth, int photoHeight)
    {
        var (gw, gh) = Grid(photoWidth, photoHeight, 1024);
        var cells = new bool[gw * gh];
        for (var gy = 0; gy < gh; gy++)
        {
            for (var gx = 0; gx < gw; gx++)
            {
                var (x, y) = (((gx + 0.5) * photoWidth) / gw, ((gy + 0.5) * photoHeight) / gh);
                cells[(gy * gw) + gx] = rect.Contains((float)x, (float)y);
            }
        }

        return FromCells(cells, gw, gh, photoWidth, photoHeight);
    }

    /// <summary>Grid sides for a photo so that the longer side has <paramref name="longSide"/> cells (never more than the photo's pixels).</summary>
    public static (int Width, int Height) Grid(int photoWidth, int photoHeight, int longSide)
    {
        var scale = Math.Min(1.0, longSide / (double)Math.Max(photoWidth, photoHeight));
        return (Math.Max(1, (int)Math.Round(photoWidth * scale)), Math.Max(1, (int)Math.Round(photoHeight * scale)));
    }

    /// <summary>Whether the photo point (x, y) lies in the container.</summary>
    public bool Contains(float x, float y)
    {
        if (!(x >= 0 && y >= 0 && x < PhotoWidth && y < PhotoHeight))
        {
            return false;
        }

        var gx = Math.Min(GridWidth - 1, (int)(x * GridWidth / PhotoWidth));
        var gy = Math.Min(GridHeight - 1, (int)(y * GridHeight / PhotoHeight));
        return Cells[(gy * GridWidth) + gx];
    }

    /// <summary>The cell grid's value at (gx, gy).</summary>
    public bool Cell(int gx, int gy) => Cells[(gy * GridWidth) + gx];

    /// <summary>
    /// The mask at photo resolution over <paramref name="region"/> (row-major, region.Width per row): each pixel
    /// takes the cell under its centre.
    /// </summary>
    public bool[] Rasterize(PixelRect region)
    {
        var pixels = new bool[region.AreaPx];
        var columns = new int[region.Width];
        for (var x = 0; x < region.Width; x++)
        {
            columns[x] = Math.Clamp((int)((region.X + x + 0.5) * GridWidth / PhotoWidth), 0, GridWidth - 1);
        }

        for (var y = 0; y < region.Height; y++)
        {
            var gy = Math.Clamp((int)((region.Y + y + 0.5) * GridHeight / PhotoHeight), 0, GridHeight - 1);
            var row = gy * GridWidth;
            var at = y * region.Width;
            for (var x = 0; x < region.Width; x++)
            {
                pixels[at + x] = Cells[row + columns[x]];
            }
        }

        return pixels;
    }

    /// <summary>The photo rectangle covered by the inside cells; empty (0 × 0) when there are none.</summary>
    public PixelRect Bounds()
    {
        int x1 = int.MaxValue, y1 = int.MaxValue, x2 = -1, y2 = -1;
        for (var gy = 0; gy < GridHeight; gy++)
        {
            for (var gx = 0; gx < GridWidth; gx++)
            {
                if (Cells[(gy * GridWidth) + gx])
                {
                    (x1, y1, x2, y2) = (Math.Min(x1, gx), Math.Min(y1, gy), Math.Max(x2, gx), Math.Max(y2, gy));
                }
            }
        }

        if (x2 < 0)
        {
            return new PixelRect(0, 0, 0, 0);
        }

        var left = (int)Math.Floor((double)x1 * PhotoWidth / GridWidth);
        var top = (int)Math.Floor((double)y1 * PhotoHeight / GridHeight);
        var right = (int)Math.Ceiling((double)(x2 + 1) * PhotoWidth / GridWidth);
        var bottom = (int)Math.Ceiling((double)(y2 + 1) * PhotoHeight / GridHeight);
        return new PixelRect(left, top, Math.Min(PhotoWidth, right) - left, Math.Min(PhotoHeight, bottom) - top);
    }

    /// <summary>Masks are equal when they describe the same cells over the same photo; the decoded cache plays no part.</summary>
    public bool Equals(ContainerMask? other) =>
        other is not null && (GridWidth, GridHeight, PhotoWidth, PhotoHeight) == (other.GridWidth, other.GridHeight, other.PhotoWidth, other.PhotoHeight)
        && Runs.SequenceEqual(other.Runs);

    public override int GetHashCode() => HashCode.Combine(GridWidth, GridHeight, PhotoWidth, PhotoHeight, Runs.Count);

    private bool[] Decode()
    {
        var total = (long)GridWidth * GridHeight;
        if (GridWidth < 1 || GridHeight < 1 || total > 64_000_000 || Runs.Any(r => r < 0) || Runs.Sum(r => (long)r) != total)
        {
            throw new InvalidOperationException($"Mask runs do not cover its {GridWidth}×{GridHeight} grid.");
        }

        var cells = new bool[total];
        var at = 0;
        var inside = false;
        foreach (var run in Runs)
        {
            if (inside)
            {
                Array.Fill(cells, true, at, run);
            }

            at += run;
            inside = !inside;
        }

        return cells;
    }
}
