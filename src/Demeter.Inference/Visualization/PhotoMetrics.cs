using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Estimation;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Inference.Visualization;

/// <summary>
/// Confidence spread of a photo's detections: mean, extremes, a histogram of ten bins of 0.1, and the high (&gt; 0.70),
/// medium and low (&lt; 0.50) counts.
/// </summary>
public sealed record ConfidenceSummary(double Average, double Min, double Max, IReadOnlyList<int> Histogram, DetectionConfidenceBuckets? Buckets = null);

/// <summary>Tiles of the photo: planned by the SAHI grid, run through the detector, skipped as black.</summary>
public sealed record TileSummary(int Planned, int Processed, int Skipped);

/// <summary>
/// What a counted photo's metrics JSON holds: the image, the counts, the detections' confidence, density per
/// megapixel, the containers with their bands, the estimation parameters, the tiles and the time spent, so a count can
/// be judged without re-running it.
/// </summary>
public sealed record PhotoMetrics(
    int Width,
    int Height,
    double Megapixels,
    int Detected,
    int Estimated,
    int Total,
    double DetectedPerMegapixel,
    ConfidenceSummary Confidence,
    TileSummary Tiles,
    double DecodeMs,
    double InferenceMs,
    double PipelineMs,
    string Model,
    string ModelSha256,
    string Segmenter,
    string ConfidenceLevel,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<ContainerCount> Containers,
    EstimationSettings Estimation)
{
    public static PhotoMetrics From(
        int width, int height, IReadOnlyList<Detection> detections, int estimated, TileSummary tiles, double decodeMs, double inferenceMs, double pipelineMs,
        string model, string modelSha256, string segmenter, string confidenceLevel, IReadOnlyList<string> warnings, IReadOnlyList<ContainerCount> containers,
        EstimationSettings estimation)
    {
        var megapixels = width * (double)height / 1_000_000;
        var histogram = new int[10];
        foreach (var d in detections)
        {
            histogram[Math.Clamp((int)(d.Score * 10), 0, 9)]++;
        }

        var buckets = DetectionConfidenceBuckets.Of(detections.Select(d => d.Score));
        var confidence = detections.Count == 0
            ? new ConfidenceSummary(0, 0, 0, histogram, buckets)
            : new ConfidenceSummary(detections.Average(d => (double)d.Score), detections.Min(d => d.Score), detections.Max(d => d.Score), histogram, buckets);
        return new PhotoMetrics(
            width, height, Math.Round(megapixels, 3), detections.Count, estimated, detections.Count + estimated,
            megapixels > 0 ? Math.Round(detections.Count / megapixels, 2) : 0, confidence, tiles, decodeMs, inferenceMs, pipelineMs, model, modelSha256,
            segmenter, confidenceLevel, warnings, containers, estimation);
    }
}
