using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Synthetic;

namespace Demeter.Inference.Tests.Support;

/// <summary>Greedy one-to-one matching of detections to true plants by centre distance.</summary>
internal static class PlantMatching
{
    /// <summary>Number of plants that got a distinct detection whose centre is within <paramref name="toleranceOfDiameter"/> × diameter.</summary>
    public static int Matched(IReadOnlyList<SyntheticPlant> plants, IReadOnlyList<Detection> detections, double toleranceOfDiameter, Func<SyntheticPlant, SyntheticPlant>? frame = null)
    {
        var pairs = new List<(double Distance, int Plant, int Detection)>();
        for (var p = 0; p < plants.Count; p++)
        {
            var plant = frame is null ? plants[p] : frame(plants[p]);
            for (var d = 0; d < detections.Count; d++)
            {
                var (x, y) = detections[d].Center;
                var distance = Math.Sqrt(Math.Pow(x - plant.X, 2) + Math.Pow(y - plant.Y, 2));
                if (distance <= toleranceOfDiameter * plant.DiameterPx)
                {
                    pairs.Add((distance, p, d));
                }
            }
        }

        var plantUsed = new bool[plants.Count];
        var detectionUsed = new bool[detections.Count];
        var matched = 0;
        foreach (var (_, p, d) in pairs.OrderBy(x => x.Distance))
        {
            if (!plantUsed[p] && !detectionUsed[d])
            {
                plantUsed[p] = detectionUsed[d] = true;
                matched++;
            }
        }

        return matched;
    }
}
