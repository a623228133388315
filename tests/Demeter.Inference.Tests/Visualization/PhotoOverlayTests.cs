using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;
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
