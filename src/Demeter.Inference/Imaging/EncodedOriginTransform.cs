using SkiaSharp;

namespace Demeter.Inference.Imaging;

/// <summary>Turns a bitmap as stored in the file into the upright image its EXIF orientation describes.</summary>
public static class EncodedOriginTransform
{
    /// <summary>True for EXIF orientations 5–8, whose upright image is the stored one with width and height swapped.</summary>
    public static bool SwapsAxes(SKEncodedOrigin origin) => origin >= SKEncodedOrigin.LeftTop;

    /// <summary>The oriented bitmap (a new one; the input is left untouched), or null when no change is needed.</summary>
    public static SKBitmap? Apply(SKBitmap stored, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or 0)
        {
            return null;
        }

        var w = stored.Width;
        var h = stored.Height;
        var swap = SwapsAxes(origin);
        var oriented = new SKBitmap(new SKImageInfo(swap ? h : w, swap ? w : h, stored.ColorType, stored.AlphaType));
        using var canvas = new SKCanvas(oriented);
        canvas.SetMatrix(MatrixFor(origin, w, h));
        using var pixels = stored.PeekPixels();
        using var image = SKImage.FromPixels(pixels);

        // Exact quarter turns and flips map pixel centres onto pixel centres, so nearest sampling is lossless.
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest, SKMipmapMode.None));
        return oriented;
    }

    /// <summary>Maps stored (x, y) in a w × h image to upright coordinates.</summary>
    private static SKMatrix MatrixFor(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => Affine(-1, 0, w, 0, 1, 0),    // mirror horizontally
        SKEncodedOrigin.BottomRight => Affine(-1, 0, w, 0, -1, h), // rotate 180°
        SKEncodedOrigin.BottomLeft => Affine(1, 0, 0, 0, -1, h),   // mirror vertically
        SKEncodedOrigin.LeftTop => Affine(0, 1, 0, 1, 0, 0),       // transpose
        SKEncodedOrigin.RightTop => Affine(0, -1, h, 1, 0, 0),     // rotate 90° clockwise
        SKEncodedOrigin.RightBottom => Affine(0, -1, h, -1, 0, w), // transverse
        SKEncodedOrigin.LeftBottom => Affine(0, 1, 0, -1, 0, w),   // rotate 90° counter-clockwise
        _ => SKMatrix.Identity,
    };

    // x' = sx·x + kx·y + tx, y' = ky·x + sy·y + ty.
    private static SKMatrix Affine(float sx, float kx, float tx, float ky, float sy, float ty) => new(sx, kx, tx, ky, sy, ty, 0, 0, 1);
}
