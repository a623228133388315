using System.Text;
using Demeter.Inference.Imaging;
using Demeter.Inference.Tests.Support;
using SkiaSharp;

namespace Demeter.Inference.Tests.Imaging;

public class ImageFormatSnifferTests
{
    [Fact]
    public void Real_encoded_images_are_recognised_by_their_magic_bytes()
    {
        using var bitmap = Bitmaps.Filled(8, 8, SKColors.Green);
        using var webp = bitmap.Encode(SKEncodedImageFormat.Webp, 90);

        Assert.Equal(ImageFormat.Jpeg, ImageFormatSniffer.Sniff(Bitmaps.Jpeg(bitmap)));
        Assert.Equal(ImageFormat.Png, ImageFormatSniffer.Sniff(Bitmaps.Png(bitmap)));
        Assert.Equal(ImageFormat.Webp, ImageFormatSniffer.Sniff(webp.ToArray()));
    }

    [Theory]
    [InlineData("plant count: 42\nthis is a text file, not a photo")]
    [InlineData("")]
    [InlineData("RIFF\0\0\0\0WAVEfmt ")]
    [InlineData("GIF89a")]
    public void Text_and_other_formats_are_rejected(string content)
    {
        Assert.Null(ImageFormatSniffer.Sniff(Encoding.UTF8.GetBytes(content)));
    }
}
