using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using SkiaSharp;

namespace Demeter.Inference.Pipeline;

/// <summary>
/// In-process counting pipeline (the CLI's `photo count`): decode → SAHI tiles (or the whole image) →
/// detector per tile → shift by tile origin → GREEDYNMM across tiles (never for a single pass). Does not own the detector. Thread-safe if the
/// detector is (see <see cref="YoloDetector"/>).
/// </summary>
public sealed class PhotoCounter(YoloDetector detector)
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
        var tiles = o.WholeImage
            ? [new PixelRect(0, 0, photo.Width, photo.Height)]
            : TilePlanner.Plan(photo.Width, photo.Height, o.TileSizePx, o.OverlapRatio);

        var perTile = new List<(PixelRect Tile, IReadOnlyList<Detection> Detections)>(tiles.Count);
        var inference = TimeSpan.Zero;
        foreach (var tile in tiles)
        {
            // A single whole-image pass always runs; of several tiles the black ones are skipped.
            if (tiles.Count > 1 && !TileContent.IsWorthDetecting(photo, tile))
            {
                continue;
            }

            var result = detector.Detect(photo, tile);
            inference += result.InferenceTime;
            perTile.Add((tile, result.Detections));
        }

        var merged = TileMerge.Combine(perTile, o.MergeIosThreshold);
        return new PhotoCount(photo.Width, photo.Height, merged.Count, 0, merged.Count, merged, inference, perTile.Count);
    }
}
