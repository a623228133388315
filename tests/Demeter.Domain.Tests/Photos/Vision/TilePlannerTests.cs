using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Vision;

public class TilePlannerTests
{
    [Theory]
    [InlineData(3000, 1500, 512, 0.25, 8, 4)]
    [InlineData(4000, 3000, 640, 0.2, 8, 6)]
    [InlineData(4000, 3000, 512, 0.25, 11, 8)]
    [InlineData(512, 512, 512, 0.25, 1, 1)]
    [InlineData(513, 300, 512, 0.25, 2, 1)]
    public void Tile_count_follows_the_SAHI_formula(int width, int height, int tile, double overlap, int columns, int rows)
    {
        var tiles = TilePlanner.Plan(width, height, tile, overlap);

        Assert.Equal(columns * rows, tiles.Count);
        Assert.Equal(columns, tiles.Select(t => t.X).Distinct().Count());
        Assert.Equal(rows, tiles.Select(t => t.Y).Distinct().Count());
    }

    [Fact]
    public void Tiles_advance_by_the_stride_and_the_last_one_ends_at_the_edge()
    {
        var xs = TilePlanner.Plan(3000, 1500, 512, 0.25).Select(t => t.X).Distinct().ToArray();

        Assert.Equal([0, 384, 768, 1152, 1536, 1920, 2304, 2488], xs);
    }

    [Theory]
    [InlineData(3000, 1500, 512, 0.25)]
    [InlineData(4000, 3000, 640, 0.2)]
    [InlineData(1001, 777, 256, 0.5)]
    [InlineData(300, 200, 512, 0.25)]
    [InlineData(2000, 100, 512, 0.1)]
    [InlineData(97, 1300, 64, 0)]
    public void Tiles_lie_inside_the_image_and_cover_every_pixel(int width, int height, int tile, double overlap)
    {
        var tiles = TilePlanner.Plan(width, height, tile, overlap);
        var covered = new bool[width, height];

        foreach (var t in tiles)
        {
            Assert.InRange(t.X, 0, width - 1);
            Assert.InRange(t.Y, 0, height - 1);
            Assert.True(t.Right <= width && t.Bottom <= height, $"{t} leaves a {width}x{height} image");
            Assert.Equal(Math.Min(tile, width), t.Width);
            Assert.Equal(Math.Min(tile, height), t.Height);
            for (var x = t.X; x < t.Right; x++)
            {
                for (var y = t.Y; y < t.Bottom; y++)
                {
                    covered[x, y] = true;
                }
            }
        }

        Assert.All(covered.Cast<bool>(), Assert.True);
    }

    [Fact]
    public void Neighbouring_tiles_overlap_by_floor_of_ratio_times_size()
    {
        var xs = TilePlanner.Plan(5000, 600, 640, 0.2).Select(t => t.X).Distinct().ToArray();

        // floor(0.2 · 640) = 128 → stride 512, except the last tile which is shifted back to the edge.
        Assert.All(xs.Zip(xs.Skip(1)).SkipLast(1), p => Assert.Equal(512, p.Second - p.First));
        Assert.Equal(5000 - 640, xs[^1]);
    }

    [Theory]
    [InlineData(0, 100, 512, 0.25)]
    [InlineData(100, 0, 512, 0.25)]
    [InlineData(100, 100, 0, 0.25)]
    [InlineData(100, 100, 512, -0.1)]
    [InlineData(100, 100, 512, 1.0)]
    [InlineData(100, 100, 512, double.NaN)]
    public void Invalid_arguments_are_rejected(int width, int height, int tile, double overlap)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => TilePlanner.Plan(width, height, tile, overlap));
    }

    [Fact]
    public void An_extreme_overlap_still_advances_one_pixel_per_tile()
    {
        // floor(0.99 · 5) = 4 → stride 1: six tiles starting at 0..5 cover a 10 px row.
        var xs = TilePlanner.Plan(10, 1, 5, 0.99).Select(t => t.X).ToArray();

        Assert.Equal([0, 1, 2, 3, 4, 5], xs);
    }

    [Theory]
    [InlineData(4000, 3000, 512, 0.25)]
    [InlineData(2400, 1500, 512, 0.25)]
    [InlineData(300, 200, 512, 0.25)]
    [InlineData(10, 1, 5, 0.99)]
    [InlineData(9000, 48, 640, 0.2)]
    public void Counting_tiles_agrees_with_planning_them(int width, int height, int tile, double overlap)
    {
        Assert.Equal(TilePlanner.Plan(width, height, tile, overlap).Count, TilePlanner.Count(width, height, tile, overlap));
    }

    [Fact]
    public void A_strip_that_passes_a_pixel_cap_is_thousands_of_tiles()
    {
        Assert.Equal(2604, TilePlanner.Count(1_000_000, 48, 512, 0.25));
    }
}
