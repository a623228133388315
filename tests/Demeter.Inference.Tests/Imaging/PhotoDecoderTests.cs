using System.Text;
using Demeter.Inference.Imaging;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Imaging;

public class PhotoDecoderTests
{
    /// <summary>300×200 white JPEG with a red block in the stored top-left corner.</summary>
    private static byte[] MarkedJpeg()
    {
        using var bitmap = Bitmaps.Filled(300, 200, SKColors.White);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint { Color = SKColors.Red })
        {
            canvas.DrawRect(0, 0, 40, 40, paint);
        }

        return Bitmaps.Jpeg(bitmap);
    }

    private static bool IsRed(SKColor c) => c.Red > 200 && c.Green < 60 && c.Blue < 60;

    [Fact]
    public void A_plain_jpeg_decodes_to_its_size_without_gps()
    {
        using var photo = PhotoDecoder.Decode(MarkedJpeg());

        Assert.Equal((300, 200), (photo.Width, photo.Height));
        Assert.Equal(ImageFormat.Jpeg, photo.Format);
        Assert.Null(photo.Gps);
        Assert.True(IsRed(photo.Bitmap.GetPixel(5, 5)));
    }

    [Fact]
    public void Exif_orientation_6_swaps_width_and_height_and_rotates_the_pixels_clockwise()
    {
        var rotated = ExifWriter.Insert(MarkedJpeg(), gps: null, orientation: 6);

        using var photo = PhotoDecoder.Decode(rotated);

        Assert.Equal((200, 300), (photo.Width, photo.Height));
        Assert.Equal(SKEncodedOrigin.RightTop, photo.StoredOrigin);
        // A quarter turn clockwise carries the stored top-left corner to the top-right.
        Assert.True(IsRed(photo.Bitmap.GetPixel(195, 5)));
        Assert.False(IsRed(photo.Bitmap.GetPixel(5, 5)));
    }

    [Fact]
    public void The_header_gives_the_upright_size_without_decoding()
    {
        var header = PhotoHeader.Read(ExifWriter.Insert(MarkedJpeg(), gps: null, orientation: 6));

        Assert.Equal((ImageFormat.Jpeg, 200, 300, 60_000L, 1.5), (header.Format, header.Width, header.Height, header.Pixels, header.AspectRatio));
        Assert.Throws<InvalidPhotoException>(() => PhotoHeader.Read([0xFF, 0xD8, 0xFF, 0x00, 0x01]));
        Assert.Throws<InvalidPhotoException>(() => PhotoHeader.Read("not an image"u8.ToArray()));
    }

    [Theory]
    [InlineData(3, 300, 200, 295, 195)]
    [InlineData(8, 200, 300, 5, 295)]
    [InlineData(2, 300, 200, 295, 5)]
    [InlineData(5, 200, 300, 5, 5)]
    [InlineData(7, 200, 300, 195, 295)]
    public void Other_orientations_land_the_stored_corner_where_EXIF_says(int orientation, int width, int height, int redX, int redY)
    {
        using var photo = PhotoDecoder.Decode(ExifWriter.Insert(MarkedJpeg(), gps: null, orientation: orientation));

        Assert.Equal((width, height), (photo.Width, photo.Height));
        Assert.True(IsRed(photo.Bitmap.GetPixel(redX, redY)));
    }

    [Fact]
    public void Gps_in_the_exif_is_returned_with_the_photo()
    {
        var jpeg = ExifWriter.Insert(MarkedJpeg(), new GpsCoordinate(-33.4489, -70.6693));

        using var photo = PhotoDecoder.Decode(jpeg);

        Assert.Equal(-33.4489, photo.Gps!.Value.Latitude, 1e-6);
        Assert.Equal(-70.6693, photo.Gps!.Value.Longitude, 1e-6);
    }

    [Fact]
    public void A_text_file_is_rejected_as_not_an_image()
    {
        var error = Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.Decode(Encoding.UTF8.GetBytes("hello, I am not a photo")));

        Assert.Contains("not recognised", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_jpeg_with_a_garbage_body_is_rejected_as_corrupt()
    {
        var garbage = new byte[4000];
        new Random(1).NextBytes(garbage);
        garbage[0] = 0xFF;
        garbage[1] = 0xD8;
        garbage[2] = 0xFF;

        var error = Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.Decode(garbage));

        Assert.Contains("corrupt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_is_rejected_instead_of_being_half_grey()
    {
        var photo = Demeter.Inference.Synthetic.SyntheticTrayPhoto.Generate(400, 300, 3, seed: 1, plantDiameterPx: 60).Jpeg;

        var error = Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.Decode(photo[..(photo.Length / 2)]));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Photos_above_the_pixel_cap_are_refused_before_decoding()
    {
        var error = Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.Decode(MarkedJpeg(), new PhotoDecoderOptions { MaxPixels = 50_000 }));

        Assert.Contains("300×200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Png_decodes_and_carries_no_gps()
    {
        using var bitmap = Bitmaps.Filled(30, 20, SKColors.Blue);

        using var photo = PhotoDecoder.Decode(Bitmaps.Png(bitmap));

        Assert.Equal((ImageFormat.Png, 30, 20), (photo.Format, photo.Width, photo.Height));
        Assert.Null(photo.Gps);
    }

    [Fact]
    public void A_reduced_decode_is_upright_at_the_smallest_scale_that_keeps_the_side_asked_for()
    {
        var jpeg = Demeter.Inference.Synthetic.SyntheticTrayPhoto.Generate(4000, 3000, 20, seed: 3, plantDiameterPx: 80).Jpeg;
        var rotated = ExifWriter.Insert(jpeg, gps: null, orientation: 6);

        using var eighth = PhotoDecoder.DecodeReduced(jpeg, 300);
        using var quarter = PhotoDecoder.DecodeReduced(jpeg, 600);
        using var full = PhotoDecoder.DecodeReduced(jpeg, 3500);
        using var upright = PhotoDecoder.DecodeReduced(rotated, 300);

        Assert.Equal((500, 375), (eighth.Width, eighth.Height));
        Assert.Equal((1000, 750), (quarter.Width, quarter.Height));
        Assert.Equal((4000, 3000), (full.Width, full.Height));
        Assert.Equal((375, 500), (upright.Width, upright.Height));
    }

    [Fact]
    public void A_reduced_decode_still_refuses_a_truncated_or_oversized_photo()
    {
        var photo = Demeter.Inference.Synthetic.SyntheticTrayPhoto.Generate(2000, 1500, 3, seed: 1, plantDiameterPx: 60).Jpeg;

        Assert.Contains("truncated", Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.DecodeReduced(photo[..(photo.Length * 2 / 3)], 300)).Message, StringComparison.Ordinal);
        Assert.Contains("2000×1500", Assert.Throws<InvalidPhotoException>(() => PhotoDecoder.DecodeReduced(photo, 300, new PhotoDecoderOptions { MaxPixels = 1_000_000 })).Message, StringComparison.Ordinal);
    }
}
