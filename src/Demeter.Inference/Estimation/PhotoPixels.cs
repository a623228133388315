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

    public (byte R, byte G, byte B) At(int x, int y)
    {
        var p = (y * _rowBytes) + (x * 4);
        return _bgra ? (_bytes[p + 2], _bytes[p + 1], _bytes[p]) : (_bytes[p], _bytes[p + 1], _bytes[p + 2]);
    }
}
