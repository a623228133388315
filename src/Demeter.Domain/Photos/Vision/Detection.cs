using System.Text.Json.Serialization;

namespace Demeter.Domain.Photos.Vision;

/// <summary>
/// One detected object as a corner box (x1,y1)-(x2,y2) in pixels of a stated frame (a tile, a crop or the
/// oriented photo). Sent between nodes as JSON, so only the constructor values are serialized.
/// </summary>
public sealed record Detection(float X1, float Y1, float X2, float Y2, float Score, int ClassId, string Label)
{
    [JsonIgnore]
    public float Width => X2 - X1;

    [JsonIgnore]
    public float Height => Y2 - Y1;

    /// <summary>Box area in square pixels; 0 for a degenerate box (never negative).</summary>
    [JsonIgnore]
    public float Area => Math.Max(0f, Width) * Math.Max(0f, Height);

    [JsonIgnore]
    public (float X, float Y) Center => ((X1 + X2) / 2f, (Y1 + Y2) / 2f);

    /// <summary>The same box moved by (dx, dy), e.g. from tile pixels to photo pixels by the tile origin.</summary>
    public Detection Shift(float dx, float dy) => this with { X1 = X1 + dx, Y1 = Y1 + dy, X2 = X2 + dx, Y2 = Y2 + dy };
}
