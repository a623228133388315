using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Segmentation;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>
/// In-process counting pipeline (the CLI's `photo count` and the benchmarks): decode → containers → per container SAHI
/// tiles (crops at least a tile in both dimensions, black tiles skipped) or one direct pass, run on
/// <see cref="PhotoCountOptions.Lanes"/> threads in batches → per-container assembly and band estimation. The passes and
/// their pixels are the cluster's (<see cref="DetectionPasses"/>), so both count a photo alike. Owns neither the
/// detector nor the segmenter; thread-safe if they are.
/// </summary>
public sealed class PhotoCounter(YoloDetector detector, IContainerSegmenter segmenter)
{
    /// <exception cref="InvalidPhotoException">The bytes are not a usable photo.</exception>
    public PhotoCount Count(byte[] photo, PhotoCountOptions? options = null, PhotoDecoderOptions? decoderOptions = null)
    {
        using var decoded = PhotoDecoder.Decode(photo, decoderOptions);
        return Count(decoded.Bitmap, options);
    }

    /// <summary>Counts plants on an already decoded, upright photo.</summary>
    public PhotoCount Count(SKBitmap photo, PhotoCountOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var o = options ?? new PhotoCountOptions();
        ContainerSegmentation segmentation;
        using (var small = SegmenterInput.Downscale(photo, o.SegmentationLongSidePx))
        {
            segmentation = segmenter.Segment(small, photo.Width, photo.Height);
        }

        var passes = DetectionPasses.Plan(photo, segmentation.Containers, o.WholeImage ? int.MaxValue : o.TileSizePx, o.OverlapRatio);
        var results = LocalDetection.Run(detector, photo, passes, o.Lanes, o.OneAtATime);
        var regions = segmentation.Containers.ToDictionary(
            c => c.Index,
            c => (IReadOnlyList<RegionDetections>)passes
                .Where(p => p.ContainerIndex == c.Index)
                .Select(p => new RegionDetections(p.Rect, results[p.Index].Detections))
                .ToList());
        var counted = ContainerCounting.Count(photo, segmentation.Containers, regions, o.Counting, o.Calibration);
        var inference = results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.InferenceTime);
        return new PhotoCount(
            photo.Width, photo.Height, counted.Containers, counted.Detections, counted.Estimates, counted.Confidence, counted.Warnings,
            inference, segmentation.Elapsed, passes.Count, segmenter.Name);
    }
}
