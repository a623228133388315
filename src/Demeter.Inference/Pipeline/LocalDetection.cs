using Demeter.Inference.Detectors;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>Runs a photo's detector passes in this process (the CLI and the benchmarks; the cluster has its inference workers).</summary>
public static class LocalDetection
{
    /// <summary>
    /// The results of <paramref name="passes"/> in their order. <paramref name="lanes"/> threads run at once, each
    /// taking the next up to <see cref="YoloDetector.MaxBatch"/> passes per Run; with <paramref name="oneAtATime"/> one
    /// thread runs one pass per Run, the plain path the batched one must agree with.
    /// </summary>
    public static DetectorResult[] Run(YoloDetector detector, SKBitmap photo, IReadOnlyList<DetectionPass> passes, int lanes, bool oneAtATime = false)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(passes);
        var results = new DetectorResult[passes.Count];
        if (oneAtATime)
        {
            for (var i = 0; i < passes.Count; i++)
            {
                using var pixels = DetectionPasses.Pixels(photo, passes[i]);
                var result = detector.Detect(pixels.Image, pixels.Region);
                results[i] = result with { Detections = pixels.ToRegionFrame(result.Detections) };
            }

            return results;
        }

        var batch = detector.MaxBatch;
        var next = 0;
        Parallel.For(0, Math.Clamp(lanes, 1, Math.Max(1, passes.Count)), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, lanes) }, _ =>
        {
            using var renderer = detector.CreateRenderer();
            var inputs = new DetectionInput[batch];
            var held = new PassPixels?[batch];
            while (true)
            {
                var first = Interlocked.Add(ref next, batch) - batch;
                if (first >= passes.Count)
                {
                    return;
                }

                var count = Math.Min(batch, passes.Count - first);
                try
                {
                    for (var i = 0; i < count; i++)
                    {
                        var pixels = DetectionPasses.Pixels(photo, passes[first + i]);
                        held[i] = pixels;
                        inputs[i] = new DetectionInput(pixels.Image, pixels.Region);
                    }

                    var batchResults = detector.DetectBatch(inputs.AsSpan(0, count), renderer);
                    for (var i = 0; i < count; i++)
                    {
                        results[first + i] = batchResults[i] with { Detections = held[i]!.ToRegionFrame(batchResults[i].Detections) };
                    }
                }
                finally
                {
                    for (var i = 0; i < count; i++)
                    {
                        held[i]?.Dispose();
                        held[i] = null;
                    }
                }
            }
        });
        return results;
    }
}
