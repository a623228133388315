using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Segmentation;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>
/// In-process counting pipeline (the CLI's `photo count` and the benchmarks): decode → containers → per container SAHI
/// tiles (crops at least a tile in both dimensions) or one direct pass → per-container assembly and band estimation.
/// Owns neither the detector nor the segmenter; thread-safe if they are.
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
        using (var small = SegmenterInput.Downscale(photo, segmenter.InputLongSidePx))
        {
            segmentation = segmenter.Segment(small, photo.Width, photo.Height);
        }

        var tileSize = o.WholeImage ? int.MaxValue : o.TileSizePx;
        var work = ContainerDetectionPlan.Plan(segmentation.Containers, photo.Width, photo.Height, tileSize, o.OverlapRatio);
        var regions = new Dictionary<int, IReadOnlyList<RegionDetections>>();
        var inference = TimeSpan.Zero;
        var ran = 0;
        foreach (var container in work)
        {
            var results = new List<RegionDetections>(container.Regions.Count);
            foreach (var region in container.Regions)
            {
                // A direct pass always runs; of a container's SAHI tiles the black ones are skipped.
                if (container.Sliced && !TileContent.IsWorthDetecting(photo, region))
                {
                    continue;
                }

                var result = detector.Detect(photo, region);
                inference += result.InferenceTime;
                results.Add(new RegionDetections(region, result.Detections));
                ran++;
            }

            regions[container.ContainerIndex] = results;
        }

        var counted = ContainerCounting.Count(photo, segmentation.Containers, regions, o.Counting, o.Calibration);
        return new PhotoCount(
            photo.Width, photo.Height, counted.Containers, counted.Detections, counted.Estimates, counted.Confidence, counted.Warnings,
            inference, segmentation.Elapsed, ran, segmenter.Name);
    }
}
