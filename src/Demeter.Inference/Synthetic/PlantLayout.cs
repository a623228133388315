namespace Demeter.Inference.Synthetic;

/// <summary>Random, non-overlapping plant positions that keep a clear gap to each other and to the border.</summary>
internal static class PlantLayout
{
    private const int AttemptsPerPlant = 2_000;

    public static List<SyntheticPlant> Place(int width, int height, int count, double meanDiameterPx, Random random)
    {
        var gap = Math.Max(6.0, 0.25 * meanDiameterPx);
        var margin = Math.Max(4.0, 0.1 * meanDiameterPx);
        var plants = new List<SyntheticPlant>(count);

        // A coarse grid of buckets keeps the overlap test local; a cell is at least one maximum exclusion distance.
        var cell = (1.15 * meanDiameterPx) + gap;
        var columns = (int)(width / cell) + 1;
        var buckets = new List<SyntheticPlant>?[columns, (int)(height / cell) + 1];

        for (var placed = 0; placed < count; placed++)
        {
            var diameter = meanDiameterPx * (0.85 + (0.3 * random.NextDouble()));
            var r = diameter / 2;
            var found = false;
            for (var attempt = 0; attempt < AttemptsPerPlant && !found; attempt++)
            {
                var x = r + margin + (random.NextDouble() * (width - diameter - (2 * margin)));
                var y = r + margin + (random.NextDouble() * (height - diameter - (2 * margin)));
                if (r + margin > width - r - margin || r + margin > height - r - margin || !IsFree(buckets, cell, x, y, r, gap))
                {
                    continue;
                }

                var plant = new SyntheticPlant((float)x, (float)y, (float)diameter);
                plants.Add(plant);
                (buckets[(int)(x / cell), (int)(y / cell)] ??= []).Add(plant);
                found = true;
            }

            if (!found)
            {
                throw new ArgumentException($"Could not place {count} separated plants of ~{meanDiameterPx:F0} px in {width}×{height}; placed {placed}. Use fewer or smaller plants.");
            }
        }

        return plants;
    }

    private static bool IsFree(List<SyntheticPlant>?[,] buckets, double cell, double x, double y, double r, double gap)
    {
        var cx = (int)(x / cell);
        var cy = (int)(y / cell);
        for (var i = Math.Max(0, cx - 1); i <= Math.Min(buckets.GetLength(0) - 1, cx + 1); i++)
        {
            for (var j = Math.Max(0, cy - 1); j <= Math.Min(buckets.GetLength(1) - 1, cy + 1); j++)
            {
                foreach (var other in buckets[i, j] ?? [])
                {
                    var min = r + (other.DiameterPx / 2) + gap;
                    var dx = other.X - x;
                    var dy = other.Y - y;
                    if ((dx * dx) + (dy * dy) < min * min)
                    {
                        return false;
                    }
                }
            }
        }

        return true;
    }
}
