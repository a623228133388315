namespace Demeter.Domain.Photos.Vision;

/// <summary>An axis-aligned rectangle of whole pixels; <see cref="X"/>/<see cref="Y"/> is the top-left corner.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long AreaPx => (long)Width * Height;

    public bool Contains(float x, float y) => x >= X && x < Right && y >= Y && y < Bottom;

    /// <summary>The part of this rectangle inside a width × height frame (0 × 0 when they do not meet).</summary>
    public PixelRect ClipTo(int width, int height)
    {
        var x1 = Math.Clamp(X, 0, width);
        var y1 = Math.Clamp(Y, 0, height);
        return new PixelRect(x1, y1, Math.Max(0, Math.Clamp(Right, 0, width) - x1), Math.Max(0, Math.Clamp(Bottom, 0, height) - y1));
    }
}
