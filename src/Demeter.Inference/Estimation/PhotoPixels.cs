using SkiaSharp;

namespace Demeter.Inference.Estimation;

/// <summary>Read access to a 32-bit photo's RGB values whatever its channel order.</summary>
internal readonly ref struct PhotoPixels
{
    private readonly ReadOnlySpan<byte> _bytes;
    private readonly int _rowBytes;
    private readonly bool _bgra;

    public PhotoPixels(SKBitmap bitmap)
    {
        _bytes = bitmap.GetPixelSpan();
        _rowBytes = bitmap.RowBytes;
        _bgra = bitmap.ColorType == SKColorType.Bgra8888;
    }

    /// <summary>Byte offsets of red and blue within a pixel (green is at 1).</summary>
    public (int Red, int Blue) Channels => _bgra ? (2, 0) : (0, 2);

    /// <summary>The 4-byte pixels of <paramref name="width"/> pixels of row <paramref name="y"/> from column <paramref name="x"/>.</summary>
    public ReadOnlySpan<byte> Row(int x, int y, int width) => _bytes.Slice((y * _rowBytes) + (x * 4), width * 4);
}
