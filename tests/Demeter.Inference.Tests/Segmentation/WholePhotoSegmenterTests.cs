using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Segmentation;

public class WholePhotoSegmenterTests
{
    [Fact]
    public void The_whole_photo_is_one_segment()
    {
        using var segmenter = new WholePhotoSegmenter();
        using var small = Bitmaps.Filled(16, 12, SKColors.Gray);

        // The image given is the downscaled copy; the container is in the full photo's pixels.
        var segmentation = segmenter.Segment(small, 4000, 3000);

        var only = Assert.Single(segmentation.Containers);
        Assert.Equal((0, ContainerTypes.Segment, StorageBinCategory.Segment, "whole-photo", 1f), (only.Index, only.Type, only.Category, only.RawClass, only.Confidence));
        Assert.Equal(new PixelRect(0, 0, 4000, 3000), only.Box);
        Assert.Equal(only.Box, only.Mask.Bounds());
        Assert.Equal(4000.0 * 3000, only.Mask.AreaPx);
        Assert.True(only.Mask.Contains(0, 0));
        Assert.True(only.Mask.Contains(3999.5f, 2999.5f));
        Assert.False(only.Mask.Contains(4000, 10));
        Assert.Equal(TimeSpan.Zero, segmentation.Elapsed);
    }

    [Fact]
    public void It_is_named_and_needs_no_model()
    {
        using var segmenter = new WholePhotoSegmenter();

        Assert.Equal(("whole-photo", string.Empty, 16), (segmenter.Name, segmenter.Sha256, segmenter.InputLongSidePx));
    }
}
