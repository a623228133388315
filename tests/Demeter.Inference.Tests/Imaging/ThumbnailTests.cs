using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;
using SkiaSharp;

namespace Demeter.Inference.Tests.Imaging;

public class ThumbnailTests
{
    [Theory]
    [InlineData(1600, 1200, 300, 225)]
    [InlineData(400, 300, 300, 225)]
    [InlineData(1200, 1600, 225, 300)]
    [InlineData(200, 100, 200, 100)]
    public void The_longer_side_is_scaled_to_300_px_at_most(int width, int height, int thumbWidth, int thumbHeight)
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(width, height, 3, seed: 5, plantDiameterPx: 30).Jpeg);

        using var thumbnail = SKBitmap.Decode(Thumbnail.Encode(photo.Bitmap));

        Assert.Equal((thumbWidth, thumbHeight), (thumbnail.Width, thumbnail.Height));
    }
}
