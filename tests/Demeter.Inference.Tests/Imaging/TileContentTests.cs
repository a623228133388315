using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Imaging;

public class TileContentTests
{
    [Fact]
    public void Content_is_the_share_of_pixels_brighter_than_black()
    {
        using var bitmap = HalfBrown();

        Assert.Equal(1.0, TileContent.ContentFraction(bitmap, new PixelRect(0, 0, 512, 512)), 3);
        Assert.Equal(0.25, TileContent.ContentFraction(bitmap, new PixelRect(384, 0, 512, 512)), 3);
        Assert.Equal(0.0, TileContent.ContentFraction(bitmap, new PixelRect(1024, 0, 512, 512)), 3);
        Assert.False(TileContent.IsWorthDetecting(bitmap, new PixelRect(768, 0, 512, 512)));
    }

    [Fact]
    public void Black_tiles_are_skipped_but_a_single_pass_always_runs()
    {
        using var bitmap = HalfBrown();
        var counter = new PhotoCounter(SharedDetector.BuiltIn, new WholePhotoSegmenter());

        Assert.Equal(2, counter.Count(bitmap).Tiles);
        Assert.Equal(1, counter.Count(bitmap, new PhotoCountOptions { WholeImage = true }).Tiles);
        using var black = Bitmaps.Filled(600, 400, SKColors.Black);
        Assert.Equal(1, counter.Count(black, new PhotoCountOptions { WholeImage = true }).Tiles);
    }

    // 1536×512: brown soil in the first 512 px, black (with JPEG-like noise of 0..8) after it; 4 tiles of 512 at 25 %.
    private static SKBitmap HalfBrown()
    {
        var bitmap = Bitmaps.Filled(1536, 512, new SKColor(8, 6, 3));
        using var canvas = new SKCanvas(bitmap);
        using var soil = new SKPaint { Color = SKColors.SaddleBrown };
        canvas.DrawRect(0, 0, 512, 512, soil);
        return bitmap;
    }
}
