using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;

namespace Demeter.Inference.Tests.Imaging;

public sealed class RawPixelsTests
{
    [Fact]
    public void A_region_round_trips_pixel_for_pixel()
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(640, 480, 10, seed: 3).Jpeg);
        var rect = new PixelRect(37, 21, 300, 200);

        var bytes = RawPixels.Encode(photo.Bitmap, rect, leadingBytes: 5);
        using var back = RawPixels.Decode(bytes.AsSpan(5));

        Assert.Equal(12 + (300 * 200 * 4), bytes.Length - 5);
        Assert.Equal((300, 200, photo.Bitmap.ColorType), (back.Width, back.Height, back.ColorType));
        for (var y = 0; y < rect.Height; y += 7)
        {
            for (var x = 0; x < rect.Width; x += 5)
            {
                Assert.Equal(photo.Bitmap.GetPixel(rect.X + x, rect.Y + y), back.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Bytes_that_are_not_raw_pixels_are_refused()
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(64, 64, 0, seed: 1).Jpeg);
        var good = RawPixels.Encode(photo.Bitmap, new PixelRect(0, 0, 16, 16));

        Assert.Throws<InvalidPhotoException>(() => RawPixels.Decode(good.AsSpan(0, 11)));
        Assert.Throws<InvalidPhotoException>(() => RawPixels.Decode(good.AsSpan(0, good.Length - 1)));
        var huge = (byte[])good.Clone();
        BitConverter.GetBytes(1 << 20).CopyTo(huge, 0);
        Assert.Throws<InvalidPhotoException>(() => RawPixels.Decode(huge));
        var negative = (byte[])good.Clone();
        BitConverter.GetBytes(-16).CopyTo(negative, 4);
        Assert.Throws<InvalidPhotoException>(() => RawPixels.Decode(negative));
        Assert.Throws<ArgumentOutOfRangeException>(() => RawPixels.Encode(photo.Bitmap, new PixelRect(60, 0, 16, 16)));
    }
}
