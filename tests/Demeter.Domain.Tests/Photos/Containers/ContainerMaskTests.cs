using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Containers;

public class ContainerMaskTests
{
    // A 4 × 2 grid over a 400 × 200 photo: each cell is 100 × 100 px.
    //   row 0: . X X .
    //   row 1: X X . .
    private static readonly bool[] Cells = [false, true, true, false, true, true, false, false];

    private static ContainerMask Mask() => ContainerMask.FromCells(Cells, 4, 2, 400, 200);

    [Fact]
    public void Cells_are_run_length_encoded_starting_with_outside()
    {
        // . | X X | . | X X | . . → runs 1, 2, 1, 2, 2.
        Assert.Equal([1, 2, 1, 2, 2], Mask().Runs);
    }

    [Fact]
    public void A_mask_starting_inside_begins_with_an_empty_outside_run()
    {
        Assert.Equal([0, 1, 1], ContainerMask.FromCells([true, false], 2, 1, 2, 1).Runs);
        Assert.Equal([0, 4], ContainerMask.FromCells([true, true, true, true], 2, 2, 2, 2).Runs);
        Assert.Equal([3], ContainerMask.FromCells([false, false, false], 3, 1, 3, 1).Runs);
    }

    [Fact]
    public void Decoding_the_runs_gives_the_cells_back()
    {
        var decoded = new ContainerMask(4, 2, 400, 200, Mask().Runs.ToList());

        for (var gy = 0; gy < 2; gy++)
        {
            for (var gx = 0; gx < 4; gx++)
            {
                Assert.Equal(Cells[(gy * 4) + gx], decoded.Cell(gx, gy));
            }
        }

        Assert.Equal(4, decoded.CellCount);
    }

    [Theory]
    [InlineData(50f, 50f, false)] // cell (0, 0)
    [InlineData(150f, 50f, true)] // cell (1, 0)
    [InlineData(100f, 0f, true)] // left edge of cell (1, 0): 100 · 4 / 400 = 1
    [InlineData(99.9f, 0f, false)] // 99.9 · 4 / 400 = 0.999 → cell (0, 0)
    [InlineData(299.5f, 99.5f, true)] // cell (2, 0)
    [InlineData(350f, 50f, false)] // cell (3, 0)
    [InlineData(50f, 150f, true)] // cell (0, 1)
    [InlineData(250f, 150f, false)] // cell (2, 1)
    [InlineData(399.9f, 199.9f, false)] // cell (3, 1)
    [InlineData(400f, 50f, false)] // outside the photo
    [InlineData(150f, 200f, false)]
    [InlineData(-0.1f, 150f, false)]
    [InlineData(float.NaN, 150f, false)]
    public void Contains_maps_a_photo_pixel_to_its_grid_cell(float x, float y, bool expected)
    {
        Assert.Equal(expected, Mask().Contains(x, y));
    }

    [Fact]
    public void Area_is_inside_cells_times_pixels_per_cell()
    {
        var mask = Mask();

        // 4 cells · (400 / 4) · (200 / 2) = 40 000 px².
        Assert.Equal(4, mask.CellCount);
        Assert.Equal(40_000, mask.AreaPx);
    }

    [Fact]
    public void Rasterize_takes_the_cell_under_each_pixel_centre()
    {
        // Photo columns 50..249, rows 50..149: columns 50..99 fall in grid column 0, 100..199 in 1, 200..249 in 2;
        // rows 50..99 in grid row 0, 100..149 in row 1.
        var region = new PixelRect(50, 50, 200, 100);

        var pixels = Mask().Rasterize(region);

        Assert.Equal(200 * 100, pixels.Length);
        Assert.False(pixels[0]); // photo (50, 50): cell (0, 0)
        Assert.True(pixels[50]); // photo (100, 50): cell (1, 0)
        Assert.True(pixels[199]); // photo (249, 50): cell (2, 0)
        Assert.True(pixels[50 * 200]); // photo (50, 100): cell (0, 1)
        Assert.False(pixels[(50 * 200) + 150]); // photo (200, 100): cell (2, 1)
        Assert.False(pixels[(49 * 200) + 49]); // photo (99, 99): cell (0, 0)

        // Row 0 of the grid: 150 of each 200-pixel row inside (columns 100..249); row 1: 150 too (columns 50..199).
        Assert.Equal((150 * 50) + (150 * 50), pixels.Count(p => p));
    }

    [Fact]
    public void Rasterize_matches_contains_at_pixel_centres()
    {
        var mask = Mask();
        var region = new PixelRect(0, 0, 400, 200);

        var pixels = mask.Rasterize(region);

        for (var y = 0; y < 200; y += 7)
        {
            for (var x = 0; x < 400; x += 3)
            {
                Assert.Equal(mask.Contains(x + 0.5f, y + 0.5f), pixels[(y * 400) + x]);
            }
        }
    }

    [Fact]
    public void Bounds_cover_the_inside_cells()
    {
        // Inside cells span grid columns 0..2 and rows 0..1 → photo x [0, 300), y [0, 200).
        Assert.Equal(new PixelRect(0, 0, 300, 200), Mask().Bounds());
    }

    [Fact]
    public void Bounds_of_one_cell_is_that_cell()
    {
        var cells = new bool[8];
        cells[(1 * 4) + 2] = true;

        Assert.Equal(new PixelRect(200, 100, 100, 100), ContainerMask.FromCells(cells, 4, 2, 400, 200).Bounds());
    }

    [Fact]
    public void Bounds_round_outwards_when_cells_are_not_whole_pixels()
    {
        // A 3 × 1 grid over 100 × 10: cell 1 spans x [33.3, 66.7) → floor 33, ceil 67.
        var mask = ContainerMask.FromCells([false, true, false], 3, 1, 100, 10);

        Assert.Equal(new PixelRect(33, 0, 34, 10), mask.Bounds());
    }

    [Fact]
    public void An_empty_mask_has_empty_bounds_and_no_area()
    {
        var mask = ContainerMask.FromCells(new bool[8], 4, 2, 400, 200);

        Assert.Equal(new PixelRect(0, 0, 0, 0), mask.Bounds());
        Assert.Equal(0, mask.AreaPx);
        Assert.False(mask.Contains(150, 50));
    }

    [Fact]
    public void A_mask_from_a_rectangle_covers_exactly_that_rectangle()
    {
        // 400 × 200 is under 1 024 on its longer side, so the grid is one cell per pixel.
        var rect = new PixelRect(100, 50, 200, 100);

        var mask = ContainerMask.FromRect(rect, 400, 200);

        Assert.Equal((400, 200), (mask.GridWidth, mask.GridHeight));
        Assert.Equal(rect, mask.Bounds());
        Assert.Equal(200 * 100, mask.AreaPx);
        Assert.True(mask.Contains(100, 50));
        Assert.True(mask.Contains(299.5f, 149.5f));
        Assert.False(mask.Contains(300, 100));
        Assert.False(mask.Contains(99.5f, 100));
    }

    [Theory]
    [InlineData(4000, 3000, 1024, 1024, 768)] // scale 1 024 / 4 000 = 0.256
    [InlineData(3000, 4000, 1024, 768, 1024)]
    [InlineData(300, 200, 1024, 300, 200)] // never more cells than pixels
    [InlineData(5000, 10, 512, 512, 1)] // 10 · 0.1024 = 1.02 → 1
    public void Grid_puts_long_side_cells_on_the_longer_side(int width, int height, int longSide, int gridWidth, int gridHeight)
    {
        Assert.Equal((gridWidth, gridHeight), ContainerMask.Grid(width, height, longSide));
    }

    [Theory]
    [InlineData(new[] { 1, 2 })] // covers 3 of 8 cells
    [InlineData(new[] { 1, 2, 1, 2, 2, 1 })] // covers 9 of 8 cells
    [InlineData(new[] { -1, 9 })] // negative run
    public void Runs_that_do_not_cover_the_grid_are_refused_when_read(int[] runs)
    {
        var mask = new ContainerMask(4, 2, 400, 200, runs);

        Assert.Throws<InvalidOperationException>(() => mask.Contains(150, 50));
        Assert.Throws<InvalidOperationException>(() => mask.CellCount);
    }

    [Theory]
    [InlineData(7, 4, 2, 400, 200)] // one value too few
    [InlineData(8, 0, 2, 400, 200)]
    [InlineData(8, 4, 2, 0, 200)]
    public void Cells_must_match_the_grid(int length, int gridWidth, int gridHeight, int photoWidth, int photoHeight)
    {
        Assert.Throws<ArgumentException>(() => ContainerMask.FromCells(new bool[length], gridWidth, gridHeight, photoWidth, photoHeight));
    }

    [Fact]
    public void A_copy_with_other_runs_reads_the_new_runs()
    {
        var original = Mask();
        Assert.True(original.Contains(150, 50)); // decodes (and caches) the original's cells

        // All eight cells inside.
        var copy = original with { Runs = [0, 8] };

        Assert.Equal(8, copy.CellCount);
        Assert.True(copy.Contains(50, 50));
    }

    [Fact]
    public void Reading_a_mask_does_not_change_its_equality()
    {
        IReadOnlyList<int> runs = [1, 2, 1, 2, 2];
        var a = new ContainerMask(4, 2, 400, 200, runs);
        var b = new ContainerMask(4, 2, 400, 200, runs);
        Assert.Equal(a, b);

        _ = a.Contains(150, 50);

        Assert.Equal(a, b);
    }
}
