using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;
using Demeter.Domain.Storage;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
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
        var segmenterOption = new Option<string?>("--segmenter")
        {
            Description = "Container segmenter: builtin, whole-photo (the photo is one bed) or a YOLO segmentation .onnx " +
                "(default: builtin; whole-photo with --whole-image)",
        };
        var detectedOnly = new Option<bool>("--detected-only") { Description = "Skip band estimation of the plants the detector missed" };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N", DefaultValueFactory = _ => "cpu" };
        var overlayFile = new Option<FileInfo?>("--overlay") { Description = "Also write the annotated photo (PNG) here" };
        var metricsFile = new Option<FileInfo?>("--metrics") { Description = "Also write the metrics JSON here" };
        var json = CommonOptions.Json();
        var count = new Command("count", "Count the plants on a photo in this process (no cluster)") { image, model, segmenterOption, whole, tile, overlap, detectedOnly, device, overlayFile, metricsFile, json };
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

            // One single-threaded Run per core at once on the CPU (see InferenceThreads), batched where the model allows.
            // The model loads while the photo decodes: each takes about a tenth of a second, on a core of its own. A
            // failure of either ends the command, and the other goes with the process.
            var execution = ParseDevice(parse.GetValue(device)!);
            var threads = InferenceThreads.For(execution, Environment.ProcessorCount);
            var loading = Task.Run(() => new YoloDetector(
                modelPath,
                new YoloDetectorOptions { Device = parse.GetValue(device)!, IntraOpThreads = threads.IntraOpThreads, MaxBatch = InferenceThreads.DefaultMaxBatch(execution) }));
            DecodedPhoto decoded;
            try
            {
                decoded = PhotoDecoder.Decode(File.ReadAllBytes(file.FullName));
            }
            catch (InvalidPhotoException ex)
            {
                throw new CliException($"{file.Name}: {ex.Message}");
            }

            using var photo = decoded;
            using var detector = loading.GetAwaiter().GetResult();

            // One pass over the whole photo means the whole photo is what is counted, unless a segmenter is named.
            var segmenterName = parse.GetValue(segmenterOption)
                ?? (parse.GetValue(whole) ? WholePhotoSegmenter.SegmenterName : BuiltInContainerSegmenter.SegmenterName);
            using var segmenter = OpenSegmenter(segmenterName, parse.GetValue(device)!, threads.IntraOpThreads);
            var options = new PhotoCountOptions
            {
                WholeImage = parse.GetValue(whole),
                TileSizePx = parse.GetValue(tile),
                OverlapRatio = parse.GetValue(overlap),
                Lanes = threads.Lanes,
                Counting = new ContainerCountingSettings { Estimate = !parse.GetValue(detectedOnly) },
            };
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = new PhotoCounter(detector, segmenter).Count(photo.Bitmap, options);
            if (parse.GetValue(overlayFile) is { } overlayPath)
            {
                var png = PhotoOverlay.RenderPng(photo.Bitmap, result.Detections, result.Estimated, result.Estimates, result.Containers.Select(c => c.Box).ToList());
                File.WriteAllBytes(overlayPath.FullName, png);
            }

            if (parse.GetValue(metricsFile) is { } metricsPath)
            {
                var planned = (int)Demeter.Domain.Photos.Containers.ContainerDetectionPlan.RegionCount(
                    result.Containers.Select(c => c.Box), result.Width, result.Height, options.WholeImage ? int.MaxValue : options.TileSizePx, options.OverlapRatio);
                var metrics = PhotoMetrics.From(
                    result.Width, result.Height, result.Detections, result.Estimated, new TileSummary(planned, result.Tiles, planned - result.Tiles), 0,
                    result.InferenceTime.TotalMilliseconds, watch.Elapsed.TotalMilliseconds, modelPath, string.Empty, result.Segmenter, result.Confidence,
                    result.Warnings, result.Containers, options.Counting.Estimation);
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
                    confidence = result.Confidence,
                    warnings = result.Warnings,
                    segmenter = result.Segmenter,
                    containers = result.Containers.Select(c => new
                    {
                        index = c.Index,
                        type = c.Type,
                        category = c.Category.ToCode(),
                        bbox = new[] { c.Box.X, c.Box.Y, c.Box.Right, c.Box.Bottom },
                        detected = c.Detected,
                        estimated = c.Estimated,
                        total = c.Total,
                        confidence = c.Confidence,
                        empty = c.Empty,
                    }),
                    bands = result.Containers.SelectMany(c => c.Bands.Select(b => new
                    {
                        container = c.Index,
                        band = b.Band,
                        yStart = b.YStart,
                        yEnd = b.YEnd,
                        residualAreaPx = b.ResidualAreaPx,
                        processedAreaPx = b.ProcessedAreaPx,
                        floorSuppressedPx = b.FloorSuppressedPx,
                        detections = b.Detections,
                        averagePlantAreaPx = Math.Round(b.AveragePlantAreaPx, 1),
                        plantAreaSource = b.PlantAreaSource,
                        alpha = b.Alpha,
                        estimated = b.Estimated,
                    })),
                    detections = result.Detections.Select(d => new { x1 = d.X1, y1 = d.Y1, x2 = d.X2, y2 = d.Y2, score = d.Score, label = d.Label }),
                }));
            }
            else
            {
                PrintText(file.Name, result);
            }

            return 0;
        });
        return count;
    }

    private static ExecutionDevice ParseDevice(string text)
    {
        try
        {
            return ExecutionDevice.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    private static IContainerSegmenter OpenSegmenter(string setting, string device, int intraOpThreads)
    {
        try
        {
            return ContainerSegmenters.Open(setting, device, intraOpThreads);
        }
        catch (Exception ex) when (ex is FileNotFoundException or InvalidModelException)
        {
            throw new CliException(ex.Message);
        }
    }

    private static void PrintText(string name, PhotoCount result)
    {
        Console.WriteLine($"{name}: {result.Width}x{result.Height}, {result.Containers.Count} container(s) by {result.Segmenter}, {result.Tiles} detector pass(es)");
        foreach (var c in result.Containers)
        {
            Console.WriteLine(
                $"  container {c.Index} {c.Type} [{c.Box.X},{c.Box.Y} {c.Box.Width}x{c.Box.Height}]: detected {c.Detected}, estimated {c.Estimated}, " +
                $"total {c.Total}, confidence {c.Confidence}{(c.Empty ? ", empty" : string.Empty)}");
            foreach (var b in c.Bands)
            {
                Console.WriteLine(
                    $"    band {b.Band} rows {b.YStart}-{b.YEnd}: residual {b.ResidualAreaPx} px, plants {b.ProcessedAreaPx} px, " +
                    $"plant size {b.AveragePlantAreaPx:0} px ({b.PlantAreaSource}), estimated {b.Estimated}");
            }
        }

        Console.WriteLine($"detected   {result.Detected}");
        Console.WriteLine($"estimated  {result.Estimated}");
        Console.WriteLine($"total      {result.Total}");
        Console.WriteLine($"confidence {result.Confidence}");
        if (result.Warnings.Count > 0)
        {
            Console.WriteLine($"warnings   {string.Join(", ", result.Warnings)}");
        }

        Console.WriteLine($"inference  {result.InferenceTime.TotalMilliseconds:0} ms (ONNX Runtime, summed over passes)");
    }
}
