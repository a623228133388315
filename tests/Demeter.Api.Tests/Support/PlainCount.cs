using System.Text.Json.Nodes;
using Demeter.Inference.Detectors;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;

namespace Demeter.Api.Tests.Support;

/// <summary>
/// The plain reference path: the photo counted in this process with the node's default model, segmenter and tiling,
/// one tile per Run, one at a time. The cluster's fast path must keep exactly these detections.
/// </summary>
public static class PlainCount
{
    private static readonly Lazy<YoloDetector> Detector = new(() => new YoloDetector(BuiltInPlantDetector.Build()));

    public static List<(float X1, float Y1, float X2, float Y2, float Score)> Detections(byte[] jpeg, int tileSizePx = 512, double overlap = 0.25)
    {
        using var segmenter = new BuiltInContainerSegmenter();
        var count = new PhotoCounter(Detector.Value, segmenter).Count(jpeg, new PhotoCountOptions { OneAtATime = true, TileSizePx = tileSizePx, OverlapRatio = overlap });
        return Sorted(count.Detections.Select(d => (d.X1, d.Y1, d.X2, d.Y2, d.Score)));
    }

    /// <summary>The detections a session's <c>/detections</c> listing holds, in the same order.</summary>
    public static List<(float X1, float Y1, float X2, float Y2, float Score)> Listed(JsonNode page) =>
        Sorted(page["items"]!.AsArray().Select(d => (F(d!, "x1"), F(d!, "y1"), F(d!, "x2"), F(d!, "y2"), F(d!, "score"))));

    private static List<(float, float, float, float, float)> Sorted(IEnumerable<(float, float, float, float, float)> detections) =>
        [.. detections.OrderBy(d => d.Item1).ThenBy(d => d.Item2).ThenBy(d => d.Item3).ThenBy(d => d.Item4)];

    private static float F(JsonNode d, string name) => (float)d[name]!.GetValue<double>();
}
