using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Estimation;
using Demeter.Inference.Tests.Support;
using Demeter.Inference.Visualization;
using SkiaSharp;

namespace Demeter.Inference.Tests.Visualization;

public class PhotoOverlayTests
{
    private static readonly SKColor Soil = new(120, 80, 40);

    [Fact]
    public void Detections_are_cyan_discs_over_the_photo_and_the_legend_is_white_text_on_black()
    {
        using var photo = Bitmaps.Filled(800, 600, Soil);
        Detection[] detections = [new(400, 300, 500, 400, 0.9f, 0, "plant"), new(100, 450, 160, 510, 0.7f, 0, "plant")];

        using var overlay = SKBitmap.Decode(PhotoOverlay.RenderPng(photo, detections, estimated: 3));

        Assert.Equal((800, 600), (overlay.Width, overlay.Height));
        var disc = overlay.GetPixel(450, 350);
        Assert.True(disc.Blue > Soil.Blue + 40 && disc.Green > Soil.Green + 30, $"disc pixel {disc}");
        Assert.Equal(Soil, overlay.GetPixel(700, 200));
        Assert.Equal(SKColors.Black, overlay.GetPixel(390, 95));
        var white = 0;
        for (var y = 10; y < 100; y++)
        {
            for (var x = 10; x < 395; x++)
            {
                white += overlay.GetPixel(x, y) is { Red: > 200, Green: > 200, Blue: > 200 } ? 1 : 0;
            }
        }

        Assert.InRange(white, 300, 20_000);
    }

    [Fact]
    public void Estimated_areas_are_tinted_blue_and_the_overlay_drawn_later_from_the_stored_mask_is_the_same()
    {
        using var photo = Bitmaps.Filled(4000, 3000, Soil);
        var crop = new PixelRect(1000, 1000, 400, 300);
        var processed = new bool[crop.AreaPx];
        for (var y = 100; y < 200; y++)
        {
            Array.Fill(processed, true, (y * crop.Width) + 100, 200);
        }

        ContainerEstimate[] estimates = [new(crop, [], processed)];
        PixelRect[] containers = [crop];

        var direct = PhotoOverlay.RenderPng(photo, [], 2, estimates, containers);
        using var mask = PhotoOverlay.EstimatedAreas(estimates, photo.Width, photo.Height)!;
        using var stored = PhotoOverlay.DecodeAreas(PhotoOverlay.EncodeAreas(mask));
        using var background = PhotoOverlay.Background(photo);
        var later = PhotoOverlay.RenderPng(background, photo.Width, photo.Height, [], 2, stored, containers);

        Assert.Equal((2048, 1536, SKColorType.Gray8), (stored.Width, stored.Height, stored.ColorType));
        Assert.Equal(mask.GetPixelSpan().ToArray(), stored.GetPixelSpan().ToArray());
        Assert.Equal(direct, later);
        using var overlay = SKBitmap.Decode(later);
        var tinted = overlay.GetPixel((int)(1200 * 0.512), (int)(1150 * 0.512));
        Assert.True(tinted.Blue > Soil.Blue + 30, $"tinted pixel {tinted}");
        Assert.Equal(Soil, overlay.GetPixel((int)(3000 * 0.512), (int)(2500 * 0.512)));
        Assert.Null(PhotoOverlay.EstimatedAreas([], photo.Width, photo.Height));
    }

    [Fact]
    public void A_large_photo_is_drawn_at_most_2048_px_wide()
    {
        using var photo = Bitmaps.Filled(4000, 3000, Soil);

        using var overlay = SKBitmap.Decode(PhotoOverlay.RenderPng(photo, [], estimated: 0));

        Assert.Equal((2048, 1536), (overlay.Width, overlay.Height));
    }

    [Fact]
    public void Metrics_summarise_counts_confidence_density_and_tiles()
    {
        Detection[] detections = [new(0, 0, 10, 10, 0.95f, 0, "plant"), new(0, 0, 10, 10, 0.31f, 0, "plant"), new(0, 0, 10, 10, 0.35f, 0, "plant")];

        var metrics = PhotoMetrics.From(2000, 1000, detections, 2, new TileSummary(24, 20, 4), 10, 200, 400, "builtin", "abc", "builtin", "low", ["needs_calibration"], [], new EstimationSettings());

        Assert.Equal((2.0, 3, 5, 1.5), (metrics.Megapixels, metrics.Detected, metrics.Total, metrics.DetectedPerMegapixel));
        Assert.Equal([0, 0, 0, 2, 0, 0, 0, 0, 0, 1], metrics.Confidence.Histogram);
        Assert.Equal((0.31, 0.95), (Math.Round(metrics.Confidence.Min, 2), Math.Round(metrics.Confidence.Max, 2)));
        Assert.Equal(4, metrics.Tiles.Skipped);
        Assert.Equal(("builtin", "low", 0.9), (metrics.Segmenter, metrics.ConfidenceLevel, metrics.Estimation.Alpha));
    }
}
