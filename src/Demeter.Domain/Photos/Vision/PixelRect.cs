namespace Demeter.Domain.Photos.Vision;

/// <summary>An axis-aligned rectangle of whole pixels; <see cref="X"/>/<see cref="Y"/> is the top-left corner.</summary>
public readonly record struct PixelRect(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long AreaPx => (long)Width * Height;

    public bool Contains(float x, float y) => x >= X && x < Right && y >= Y && y < Bottom;
}
