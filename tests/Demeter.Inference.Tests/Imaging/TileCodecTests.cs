using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;

namespace Demeter.Inference.Tests.Imaging;

public class TileCodecTests
{
    [Fact]
    public void A_tile_survives_png_encoding_pixel_for_pixel()
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(900, 700, 8, seed: 3, plantDiameterPx: 70).Jpeg);
        var rect = new PixelRect(388, 188, 512, 512);

        var png = TileCodec.EncodePng(photo.Bitmap, rect);
        using var tile = TileCodec.DecodePng(png);

        Assert.Equal((512, 512), (tile.Width, tile.Height));
        for (var y = 0; y < tile.Height; y += 7)
        {
            for (var x = 0; x < tile.Width; x += 5)
            {
                Assert.Equal(photo.Bitmap.GetPixel(rect.X + x, rect.Y + y), tile.GetPixel(x, y));
            }
        }
    }

    [Fact]
    public void Tiles_outside_the_image_and_non_png_bytes_are_rejected()
    {
        using var photo = PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(300, 200, 1, seed: 3, plantDiameterPx: 40).Jpeg);

        Assert.Throws<ArgumentOutOfRangeException>(() => TileCodec.EncodePng(photo.Bitmap, new PixelRect(100, 0, 256, 100)));
        Assert.Throws<InvalidPhotoException>(() => TileCodec.DecodePng(SyntheticTrayPhoto.Generate(64, 64, 0, seed: 1).Jpeg));
    }
}
