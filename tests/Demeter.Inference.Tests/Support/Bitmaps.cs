using SkiaSharp;

namespace Demeter.Inference.Tests.Support;

internal static class Bitmaps
{
    public static SKBitmap Filled(int width, int height, SKColor colour)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(colour);
        return bitmap;
    }

    public static byte[] Jpeg(SKBitmap bitmap, int quality = 95)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static byte[] Png(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
