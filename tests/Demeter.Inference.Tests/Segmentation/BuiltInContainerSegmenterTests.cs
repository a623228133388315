using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Segmentation;

public class BuiltInContainerSegmenterTests
{
    private const int Width = 2000;
    private const int Height = 1500;

    // The segmenter works at 512 px on the longer side, one working pixel ≈ 3.9 photo pixels: boxes are compared to
    // within 1.5 % of the photo's longer side (30 px).
    private const int Tolerance = 30;

    private static readonly SKColor Grey = new(128, 128, 128);

    // Hue 29°, saturation 0.46, value 0.46: growing surface.
    private static readonly SKColor Soil = new(118, 90, 64);

    private static readonly BuiltInContainerSegmenter Segmenter = new();

    private static void Paint(SKBitmap bitmap, SKColor colour, PixelRect r) =>
        bitmap.Erase(colour, new SKRectI(r.X, r.Y, r.Right, r.Bottom));

    private static IReadOnlyList<Container> Segment(SKBitmap photo) => Segmenter.Segment(photo, photo.Width, photo.Height).Containers;

    private static void AssertNear(PixelRect expected, PixelRect actual)
    {
        Assert.InRange(actual.X, expected.X - Tolerance, expected.X + Tolerance);
        Assert.InRange(actual.Y, expected.Y - Tolerance, expected.Y + Tolerance);
        Assert.InRange(actual.Right, expected.Right - Tolerance, expected.Right + Tolerance);
        Assert.InRange(actual.Bottom, expected.Bottom - Tolerance, expected.Bottom + Tolerance);
    }

    /// <summary>A black tray with <paramref name="columns"/> × <paramref name="rows"/> soil cells of 40 px, 20 px walls.</summary>
    private static PixelRect PaintPlugTray(SKBitmap photo, int x, int y, int columns, int rows)
    {
        var tray = new PixelRect(x, y, 20 + (60 * columns), 20 + (60 * rows));
        Paint(photo, SKColors.Black, tray);
        for (var row = 0; row < rows; row++)
        {
            for (var column = 0; column < columns; column++)
            {
                Paint(photo, Soil, new PixelRect(x + 20 + (60 * column), y + 20 + (60 * row), 40, 40));
            }
        }

        return tray;
    }

    [Fact]
    public void Two_soil_rectangles_on_a_grey_floor_are_two_boxes()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);
        var first = new PixelRect(200, 200, 600, 400);
        var second = new PixelRect(1200, 700, 500, 500);
        Paint(photo, Soil, first);
        Paint(photo, Soil, second);

        var containers = Segment(photo);

        // Boxes cover 240 000 and 250 000 px² of 3 000 000 (8 %, 8.3 % < 25 %) and span 600 / 2 000 and 500 / 2 000 (< 60 %).
        Assert.Equal(2, containers.Count);
        Assert.Equal([0, 1], containers.Select(c => c.Index));
        Assert.All(containers, c =>
        {
            Assert.Equal((ContainerTypes.Box, StorageBinCategory.Box, "builtin:box"), (c.Type, c.Category, c.RawClass));
            Assert.InRange(c.Confidence, 0.9f, 1f);
            Assert.Equal(c.Box, c.Mask.Bounds());
            Assert.Equal((Width, Height), (c.Mask.PhotoWidth, c.Mask.PhotoHeight));
        });

        var byX = containers.OrderBy(c => c.Box.X).ToList();
        AssertNear(first, byX[0].Box);
        AssertNear(second, byX[1].Box);
        Assert.True(byX[0].Mask.Contains(500, 400));
        Assert.False(byX[0].Mask.Contains(1450, 950));
        Assert.True(byX[1].Mask.Contains(1450, 950));
        Assert.False(byX[1].Mask.Contains(1000, 100));
        Assert.InRange(byX[0].Mask.AreaPx, 240_000 * 0.95, 240_000 * 1.05);
        Assert.InRange(byX[1].Mask.AreaPx, 250_000 * 0.95, 250_000 * 1.05);
    }

    [Fact]
    public void A_photo_that_is_all_soil_is_one_segment_covering_it()
    {
        using var photo = Bitmaps.Filled(Width, Height, Soil);

        var only = Assert.Single(Segment(photo));

        Assert.Equal((0, ContainerTypes.Segment, StorageBinCategory.Segment), (only.Index, only.Type, only.Category));
        Assert.Equal(new PixelRect(0, 0, Width, Height), only.Box);
        Assert.Equal(Width * (double)Height, only.Mask.AreaPx, 6);
        Assert.Equal(1f, only.Confidence);
    }

    [Fact]
    public void Green_plants_count_as_growing_surface()
    {
        using var photo = Bitmaps.Filled(Width, Height, new SKColor(120, 210, 80));

        Assert.Equal(ContainerTypes.Segment, Assert.Single(Segment(photo)).Type);
    }

    [Theory]
    [InlineData(128, 128, 128)] // grey
    [InlineData(0, 0, 0)] // black
    [InlineData(255, 255, 255)] // white
    [InlineData(40, 70, 200)] // blue ground cloth: hue 226°
    [InlineData(20, 15, 10)] // soil too dark: value 0.08 < 0.12
    public void A_photo_without_growing_surface_has_no_containers(byte r, byte g, byte b)
    {
        using var photo = Bitmaps.Filled(Width, Height, new SKColor(r, g, b));

        Assert.Empty(Segment(photo));
    }

    [Fact]
    public void A_box_spanning_most_of_the_longer_side_is_a_segment()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);

        // 1 300 × 300: 13 % of the area, but 1 300 / 2 000 = 65 % ≥ 60 % of the longer side.
        Paint(photo, Soil, new PixelRect(300, 600, 1300, 300));

        var only = Assert.Single(Segment(photo));

        Assert.Equal(ContainerTypes.Segment, only.Type);
        AssertNear(new PixelRect(300, 600, 1300, 300), only.Box);
    }

    [Fact]
    public void A_box_covering_a_quarter_of_the_photo_is_a_segment()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);

        // 1 100 × 800 = 880 000 px² ≥ 25 % of 3 000 000, spanning 55 % (< 60 %).
        Paint(photo, Soil, new PixelRect(400, 300, 1100, 800));

        Assert.Equal(ContainerTypes.Segment, Assert.Single(Segment(photo)).Type);
    }

    [Fact]
    public void A_region_under_the_minimum_area_is_not_a_container()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);

        // 40 × 40 = 1 600 px² is 0.05 % of the photo, under the 0.2 % minimum; 200 × 200 (1.3 %) is kept.
        Paint(photo, Soil, new PixelRect(100, 100, 40, 40));
        Paint(photo, Soil, new PixelRect(1000, 800, 200, 200));

        var only = Assert.Single(Segment(photo));

        AssertNear(new PixelRect(1000, 800, 200, 200), only.Box);
    }

    [Fact]
    public void Dark_plants_inside_a_box_are_filled_in()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);
        var box = new PixelRect(400, 300, 700, 500);
        Paint(photo, Soil, box);
        Paint(photo, SKColors.Black, new PixelRect(600, 450, 120, 120)); // a hole enclosed by soil

        var only = Assert.Single(Segment(photo));

        Assert.Equal(ContainerTypes.Box, only.Type);
        Assert.True(only.Mask.Contains(660, 510));
        AssertNear(box, only.Box);
    }

    [Fact]
    public void A_black_tray_with_a_grid_of_soil_cells_is_one_plug_tray()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);

        // 11 × 8 cells of 40 px with 20 px walls: (1 − (40 / 60)²) ≈ 56 % of the cell grid is wall; the closing joins
        // the cells across the walls into one region, and far more than 12 % of it is dark.
        var tray = PaintPlugTray(photo, 300, 300, 11, 8);

        var only = Assert.Single(Segment(photo));

        Assert.Equal((ContainerTypes.Plug, StorageBinCategory.Plug, "builtin:plug"), (only.Type, only.Category, only.RawClass));
        Assert.True(only.Confidence < 0.88f, $"confidence {only.Confidence} should reflect the walls");

        // The cells span the tray less its outer 20 px wall.
        AssertNear(new PixelRect(tray.X + 20, tray.Y + 20, tray.Width - 40, tray.Height - 40), only.Box);
    }

    [Fact]
    public void The_most_confident_container_comes_first()
    {
        using var photo = Bitmaps.Filled(Width, Height, Grey);
        PaintPlugTray(photo, 100, 100, 11, 8);
        Paint(photo, Soil, new PixelRect(1300, 800, 500, 500));

        var containers = Segment(photo);

        Assert.Equal(2, containers.Count);
        Assert.Equal([0, 1], containers.Select(c => c.Index));
        Assert.Equal([ContainerTypes.Box, ContainerTypes.Plug], containers.Select(c => c.Type));
        Assert.True(containers[0].Confidence > containers[1].Confidence);
    }

    [Fact]
    public void Masks_are_in_photo_pixels_whatever_size_the_segmenter_was_given()
    {
        // The caller may hand over a copy already downscaled to the segmenter's input size.
        using var photo = Bitmaps.Filled(Width, Height, Grey);
        var first = new PixelRect(200, 200, 600, 400);
        Paint(photo, Soil, first);
        using var small = SegmenterInput.Downscale(photo, Segmenter.InputLongSidePx);

        var only = Assert.Single(Segmenter.Segment(small, Width, Height).Containers);

        Assert.Equal((512, 384), (small.Width, small.Height));
        AssertNear(first, only.Box);
    }

    [Fact]
    public void The_segmenter_is_named_and_hashed_by_its_parameters()
    {
        using var other = new BuiltInContainerSegmenter(new BuiltInContainerSegmenterOptions { MinAreaShare = 0.01 });

        Assert.Equal("builtin", Segmenter.Name);
        Assert.Equal(512, Segmenter.InputLongSidePx);
        Assert.Equal(64, Segmenter.Sha256.Length);
        Assert.Equal(new BuiltInContainerSegmenter().Sha256, Segmenter.Sha256);
        Assert.NotEqual(Segmenter.Sha256, other.Sha256);
    }

    [Fact]
    public void Out_of_range_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new BuiltInContainerSegmenter(new BuiltInContainerSegmenterOptions { WorkingLongSidePx = 16 }));
    }
}
