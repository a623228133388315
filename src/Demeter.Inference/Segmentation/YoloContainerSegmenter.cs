using System.Security.Cryptography;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>
/// A nursery's trained YOLO segmentation export as container segmenter (conf 0.30, NMS IoU 0.50 by default). Its
/// class names map onto container types (segment/segmento/claro-cajon, cajon, almacigo, plug); an unknown name is
/// kept as its own type and booked as a segment.
/// </summary>
public sealed class YoloContainerSegmenter : IContainerSegmenter
{
    private readonly YoloDetector _detector;

    public YoloContainerSegmenter(string modelPath, string device = "cpu", float confidence = 0.30f, float iou = 0.50f, int intraOpThreads = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var options = new YoloDetectorOptions
        {
            Device = device,
            ConfidenceThreshold = confidence,
            IouThreshold = iou,
            Masks = true,
            MaxDetections = 300,
            FallbackInputSizePx = 1024,
            IntraOpThreads = intraOpThreads,
        };
        _detector = new YoloDetector(modelPath, options);
        if (_detector.Contract.Task != ModelTask.Segment)
        {
            _detector.Dispose();
            throw new InvalidModelException($"'{Path.GetFileName(modelPath)}' is a {_detector.Contract.Task} model; a container segmenter must be a segment export (output0 and prototypes).");
        }

        Name = Path.GetFileName(modelPath);
        using var stream = File.OpenRead(modelPath);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public string Name { get; }

    public string Sha256 { get; }

    public int InputLongSidePx => Math.Max(_detector.InputWidth, _detector.InputHeight);

    public ContainerSegmentation Segment(SKBitmap image, int photoWidth, int photoHeight)
    {
        ArgumentNullException.ThrowIfNull(image);
        var result = _detector.Detect(image);
        var masks = result.Masks ?? throw new InvalidModelException("The segmenter returned no masks.");
        var (sx, sy) = (photoWidth / (double)image.Width, photoHeight / (double)image.Height);
        var containers = new List<Container>();
        foreach (var i in Enumerable.Range(0, result.Detections.Count).OrderByDescending(i => result.Detections[i].Score))
        {
            var d = result.Detections[i];
            var cells = new bool[image.Width * image.Height];
            var m = masks[i];
            for (var y = m.Bounds.Y; y < m.Bounds.Bottom; y++)
            {
                for (var x = m.Bounds.X; x < m.Bounds.Right; x++)
                {
                    if (x >= 0 && y >= 0 && x < image.Width && y < image.Height && m.Contains(x, y))
                    {
                        cells[(y * image.Width) + x] = true;
                    }
                }
            }

            var box = new PixelRect(
                (int)Math.Floor(d.X1 * sx), (int)Math.Floor(d.Y1 * sy),
                (int)Math.Ceiling(d.X2 * sx) - (int)Math.Floor(d.X1 * sx), (int)Math.Ceiling(d.Y2 * sy) - (int)Math.Floor(d.Y1 * sy)).ClipTo(photoWidth, photoHeight);
            var (type, category, _) = ContainerTypes.FromRawName(d.Label);
            containers.Add(new Container(containers.Count, type, category, d.Label, d.Score, box, ContainerMask.FromCells(cells, image.Width, image.Height, photoWidth, photoHeight)));
        }

        return new ContainerSegmentation(containers, result.InferenceTime);
    }

    public void Dispose() => _detector.Dispose();
}
