using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;
using SkiaSharp;

namespace Demeter.Inference.Segmentation;

/// <summary>
/// The container segmenter the project ships until a nursery brings a trained one: classical, not a network, because
/// finding separate containers needs connected components, which no ONNX operator computes. Growing surface (soil,
/// substrate, plants: saturated red-to-green hues) is told from paths, walls and ground cloth (grey, black, white,
/// blue); a closing joins plug-tray cells across their walls, an opening drops clutter, enclosed holes (dark plants,
/// stones) are filled, and every large enough connected region is a container. A region covering most of the photo
/// is a segment (a bed), one with many dark walls inside is a plug tray, any other a box; seedling trays are only
/// told apart by a trained model.
/// </summary>
public sealed class BuiltInContainerSegmenter(BuiltInContainerSegmenterOptions? options = null) : IContainerSegmenter
{
    public const string SegmenterName = "builtin";

    private readonly BuiltInContainerSegmenterOptions _o = Validated(options ?? new BuiltInContainerSegmenterOptions());

    public string Name => SegmenterName;

    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(_o))));

    public int InputLongSidePx => _o.WorkingLongSidePx;

    public ContainerSegmentation Segment(SKBitmap image, int photoWidth, int photoHeight)
    {
        ArgumentNullException.ThrowIfNull(image);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using var small = SegmenterInput.Downscale(image, _o.WorkingLongSidePx);
        var (w, h) = (small.Width, small.Height);
        var surface = Surface(small);
        var longSide = Math.Max(w, h);
        var closed = Morphology.Close(surface, w, h, (int)Math.Round(_o.CloseRadius * longSide));
        var opened = Morphology.Open(closed, w, h, (int)Math.Round(_o.OpenRadius * longSide));
        var filled = Morphology.FillHoles(opened, w, h);
        var labels = Morphology.Components(filled, w, h, out var count);

        var containers = new List<(Container Container, float Confidence)>();
        var minCells = _o.MinAreaShare * w * h;
        for (var label = 1; label <= count; label++)
        {
            var cells = new bool[w * h];
            int area = 0, walls = 0, x1 = w, y1 = h, x2 = -1, y2 = -1;
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    var i = (y * w) + x;
                    if (labels[i] != label)
                    {
                        continue;
                    }

                    cells[i] = true;
                    area++;
                    walls += surface[i] ? 0 : 1;
                    (x1, y1, x2, y2) = (Math.Min(x1, x), Math.Min(y1, y), Math.Max(x2, x), Math.Max(y2, y));
                }
            }

            if (area < minCells)
            {
                continue;
            }

            var mask = ContainerMask.FromCells(cells, w, h, photoWidth, photoHeight);
            var box = mask.Bounds();
            var type = Classify(box, photoWidth, photoHeight, walls / (double)area);
            var (_, category, _) = ContainerTypes.FromRawName(type);
            var confidence = (float)Math.Round(1 - (walls / (double)area), 3);
            containers.Add((new Container(0, type, category, $"builtin:{type}", confidence, box, mask), confidence));
        }

        var ordered = containers.OrderByDescending(c => c.Confidence).Select((c, i) => c.Container with { Index = i }).ToList();
        return new ContainerSegmentation(ordered, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    public void Dispose()
    {
    }

    private string Classify(PixelRect box, int photoWidth, int photoHeight, double wallShare)
    {
        var areaShare = box.AreaPx / ((double)photoWidth * photoHeight);
        var spanShare = Math.Max(box.Width, box.Height) / (double)Math.Max(photoWidth, photoHeight);
        if (areaShare >= _o.SegmentAreaShare || spanShare >= _o.SegmentSpanShare)
        {
            return ContainerTypes.Segment;
        }

        return wallShare >= _o.PlugWallShare ? ContainerTypes.Plug : ContainerTypes.Box;
    }

    private bool[] Surface(SKBitmap small)
    {
        var pixels = small.GetPixelSpan();
        var result = new bool[small.Width * small.Height];
        for (var y = 0; y < small.Height; y++)
        {
            for (var x = 0; x < small.Width; x++)
            {
                var p = (y * small.RowBytes) + (x * 4);
                var (r, g, b) = (pixels[p], pixels[p + 1], pixels[p + 2]);
                var max = Math.Max(r, Math.Max(g, b));
                var min = Math.Min(r, Math.Min(g, b));
                if (max == 0 || max < _o.MinValue * 255 || (max - min) / (double)max < _o.MinSaturation)
                {
                    continue;
                }

                var delta = (double)(max - min);
                var hue = max == r ? 60 * ((g - b) / delta) : max == g ? 120 + (60 * (b - r) / delta) : 240 + (60 * (r - g) / delta);
                hue = hue < 0 ? hue + 360 : hue;
                result[(y * small.Width) + x] = hue <= _o.MaxHueDegrees || hue >= 345;
            }
        }

        return result;
    }

    private static BuiltInContainerSegmenterOptions Validated(BuiltInContainerSegmenterOptions o)
    {
        o.Validate();
        return o;
    }
}
