using System.CommandLine;
using System.Text.Json;
using Demeter.Cli.Http;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;

namespace Demeter.Cli.Models;

/// <summary>
/// `demeter model inspect ONNX` (what Demeter reads from a model) and `demeter model detect IMAGE --model ONNX`
/// (the model's raw decoded detections on one image: one whole-image pass, NMS only, no tiling or estimation).
/// </summary>
public static class ModelCommands
{
    public static Command Create() => new("model", "Inspect a YOLO model and run it on one image") { Inspect(), Detect() };

    private static Command Inspect()
    {
        var file = new Argument<FileInfo>("onnx") { Description = "A YOLOv8/YOLO11 detect or segment export (.onnx)" };
        var json = CommonOptions.Json();
        var inspect = new Command("inspect", "Print the model's task, classes, input size and outputs as Demeter reads them") { file, json };
        inspect.SetAction(parse =>
        {
            using var detector = Open(parse.GetValue(file)!, new YoloDetectorOptions());
            var c = detector.Contract;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    task = c.Task.ToString().ToLowerInvariant(),
                    classes = c.ClassCount,
                    names = c.Labels,
                    input = new { name = c.Input.Name, width = c.InputWidth, height = c.InputHeight, dynamicSize = c.DynamicInputSize, dynamicBatch = c.DynamicBatch },
                    stride = c.Stride,
                    maskChannels = c.MaskChannels,
                    outputs = c.Outputs.Select(o => new { name = o.Name, type = o.ElementType, shape = o.Shape }),
                    metadata = c.Metadata,
                }));
                return 0;
            }

            Console.WriteLine($"task        {c.Task.ToString().ToLowerInvariant()}");
            Console.WriteLine($"classes     {c.ClassCount}: {string.Join(", ", c.Labels.Take(12))}{(c.ClassCount > 12 ? ", ..." : string.Empty)}");
            Console.WriteLine($"input       {c.Input} -> {c.InputWidth}x{c.InputHeight}{(c.DynamicInputSize ? " (dynamic size)" : string.Empty)}{(c.DynamicBatch ? ", dynamic batch" : ", batch 1")}");
            Console.WriteLine($"stride      {c.Stride?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "not stated"}");
            foreach (var output in c.Outputs)
            {
                var role = output == c.Detections ? "detections" : output == c.Prototypes ? $"mask prototypes ({c.MaskChannels})" : "not read";
                Console.WriteLine($"output      {output}  {role}");
            }

            return 0;
        });
        return inspect;
    }

    private static Command Detect()
    {
        var image = new Argument<FileInfo>("image") { Description = "A JPEG, PNG or WebP photo" };
        var model = new Option<FileInfo>("--model") { Description = "A YOLOv8/YOLO11 detect or segment export (.onnx)", Required = true };
        var conf = new Option<float>("--conf") { Description = "Confidence threshold", DefaultValueFactory = _ => 0.25f };
        var iou = new Option<float>("--iou") { Description = "NMS IoU threshold", DefaultValueFactory = _ => 0.45f };
        var device = new Option<string>("--device") { Description = "cpu or cuda:N", DefaultValueFactory = _ => "cpu" };
        var json = CommonOptions.Json();
        var detect = new Command("detect", "Run the model once on the whole image and print its decoded detections") { image, model, conf, iou, device, json };
        detect.SetAction(parse =>
        {
            var (confidence, overlap) = (parse.GetValue(conf), parse.GetValue(iou));
            if (!(confidence is >= 0 and <= 1) || !(overlap is > 0 and <= 1))
            {
                throw new CliException("--conf must be in [0, 1] and --iou in (0, 1].");
            }

            var file = parse.GetValue(image)!;
            if (!file.Exists)
            {
                throw new CliException($"{file.FullName} does not exist.");
            }

            using var detector = Open(parse.GetValue(model)!, new YoloDetectorOptions { ConfidenceThreshold = confidence, IouThreshold = overlap, Device = parse.GetValue(device)!, Masks = true });
            DecodedPhoto decoded;
            try
            {
                decoded = PhotoDecoder.Decode(File.ReadAllBytes(file.FullName));
            }
            catch (InvalidPhotoException ex)
            {
                throw new CliException($"{file.Name}: {ex.Message}");
            }

            using (decoded)
            {
                var result = detector.Detect(decoded.Bitmap);
                var rows = result.Detections.Select((d, i) => new
                {
                    x1 = d.X1,
                    y1 = d.Y1,
                    x2 = d.X2,
                    y2 = d.Y2,
                    score = d.Score,
                    label = d.Label,
                    classId = d.ClassId,
                    maskArea = result.Masks?[i].Area,
                }).ToList();
                if (parse.GetValue(json))
                {
                    Console.WriteLine(JsonSerializer.Serialize(
                        new
                        {
                            width = decoded.Bitmap.Width,
                            height = decoded.Bitmap.Height,
                            task = detector.Contract.Task.ToString().ToLowerInvariant(),
                            inferenceMs = result.InferenceTime.TotalMilliseconds,
                            detections = rows,
                        },
                        new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }));
                    return 0;
                }

                Console.WriteLine($"{file.Name}: {decoded.Bitmap.Width}x{decoded.Bitmap.Height}, {rows.Count} detection(s), {result.InferenceTime.TotalMilliseconds:0} ms");
                foreach (var r in rows)
                {
                    Console.WriteLine($"  {r.label,-16} {r.score:0.000}  ({r.x1:0},{r.y1:0})-({r.x2:0},{r.y2:0}){(r.maskArea is { } a ? $"  mask {a} px" : string.Empty)}");
                }
            }

            return 0;
        });
        return detect;
    }

    private static YoloDetector Open(FileInfo file, YoloDetectorOptions options)
    {
        if (!file.Exists)
        {
            throw new CliException($"Model {file.FullName} does not exist.");
        }

        try
        {
            return new YoloDetector(file.FullName, options);
        }
        catch (InvalidModelException ex)
        {
            throw new CliException($"{file.Name}: {ex.Message}");
        }
    }
}
