using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Visualization;

namespace Demeter.Cli.Photos;

/// <summary>`demeter photo count IMAGE`: the vision pipeline in-process, no cluster.</summary>
public static class PhotoCountCommand
{
    public static Command Create()
    {
        var image = new Argument<FileInfo>("image") { Description = "A JPEG, PNG or WebP photo" };
        var model = new Option<string?>("--model") { Description = "A YOLOv8/YOLO11 detection .onnx (default: the built-in plant detector)" };
        var whole = new Option<bool>("--whole-image") { Description = "Run the detector once on the whole photo instead of SAHI tiles" };
        var tile = new Option<int>("--tile-size") { Description = "Tile size in pixels", DefaultValueFactory = _ => 512 };
        var overlap = new Option<double>("--overlap") { Description = "Tile overlap ratio", DefaultValueFactory = _ => 0.25 };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N", DefaultValueFactory = _ => "cpu" };
        var overlayFile = new Option<FileInfo?>("--overlay") { Description = "Also write the annotated photo (PNG) here" };
        var metricsFile = new Option<FileInfo?>("--metrics") { Description = "Also write the metrics JSON here" };
        var json = CommonOptions.Json();
        var count = new Command("count", "Count the plants on a photo in this process (no cluster)") { image, model, whole, tile, overlap, device, overlayFile, metricsFile, json };
        count.SetAction(parse =>
        {
            var file = parse.GetValue(image)!;
            if (!file.Exists)
            {
                throw new CliException($"{file.FullName} does not exist.");
            }

            var modelPath = parse.GetValue(model) ?? BuiltInPlantDetector.EnsureModelFile(Path.Combine(Path.GetTempPath(), "demeter-models"));
            if (!File.Exists(modelPath))
            {
                throw new CliException($"Model {modelPath} does not exist.");
            }

            using var detector = new YoloDetector(modelPath, new YoloDetectorOptions { Device = parse.GetValue(device)! });
            DecodedPhoto decoded;
            try
            {
                decoded = PhotoDecoder.Decode(File.ReadAllBytes(file.FullName));
            }
            catch (InvalidPhotoException ex)
            {
                throw new CliException($"{file.Name}: {ex.Message}");
            }

            PhotoCount result;
            var options = new PhotoCountOptions { WholeImage = parse.GetValue(whole), TileSizePx = parse.GetValue(tile), OverlapRatio = parse.GetValue(overlap) };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using (decoded)
            {
                result = new PhotoCounter(detector).Count(decoded.Bitmap, options);
                if (parse.GetValue(overlayFile) is { } overlayPath)
                {
                    File.WriteAllBytes(overlayPath.FullName, PhotoOverlay.RenderPng(decoded.Bitmap, result.Detections, result.Estimated));
                }
            }

            if (parse.GetValue(metricsFile) is { } metricsPath)
            {
                var planned = options.WholeImage ? 1 : (int)Demeter.Domain.Photos.Vision.TilePlanner.Count(result.Width, result.Height, options.TileSizePx, options.OverlapRatio);
                var metrics = PhotoMetrics.From(
                    result.Width, result.Height, result.Detections, result.Estimated, new TileSummary(planned, result.Tiles, planned - result.Tiles), 0,
                    result.InferenceTime.TotalMilliseconds, watch.Elapsed.TotalMilliseconds, modelPath, string.Empty);
                File.WriteAllText(metricsPath.FullName, JsonSerializer.Serialize(metrics, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            }

            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    width = result.Width,
                    height = result.Height,
                    detected = result.Detected,
                    estimated = result.Estimated,
                    total = result.Total,
                    detections = result.Detections.Select(d => new { x1 = d.X1, y1 = d.Y1, x2 = d.X2, y2 = d.Y2, score = d.Score, label = d.Label }),
                }));
            }
            else
            {
                Console.WriteLine($"{file.Name}: {result.Width}x{result.Height}, {result.Tiles} tile(s)");
                Console.WriteLine($"detected  {result.Detected}");
                Console.WriteLine($"estimated {result.Estimated}");
                Console.WriteLine($"total     {result.Total}");
                Console.WriteLine($"inference {result.InferenceTime.TotalMilliseconds:0} ms (ONNX Runtime, summed over tiles)");
            }

            return 0;
        });
        return count;
    }
}
