namespace Demeter.Domain.Photos.Vision;

/// <summary>
/// Detections of a tiled photo in the photo's frame. GREEDYNMM exists to join the halves of an object cut by a tile
/// border and the copies seen twice in an overlap, so it runs only when there are several tiles: a single pass over
/// the whole image has nothing to join, and its NMS already decided which overlapping boxes are distinct objects
/// (merging them again would fuse two neighbours into one union box).
/// </summary>
public static class TileMerge
{
    public static IReadOnlyList<Detection> Combine(IReadOnlyCollection<(PixelRect Tile, IReadOnlyList<Detection> Detections)> tiles, double iosThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(tiles);
        var shifted = tiles.SelectMany(t => t.Detections.Select(d => d.Shift(t.Tile.X, t.Tile.Y))).ToList();
        return tiles.Count > 1 ? GreedyNmm.Merge(shifted, iosThreshold) : shifted;
    }
}
