using Demeter.Inference.Onnx;

namespace Demeter.Inference.Detectors;

/// <summary>
/// A plant detector built in code as an ONNX model with the exported-YOLOv8 contract (input "images"
/// (B,3,S,S) RGB in [0,1] with a dynamic batch B, output "output0" (B, 4+1, N) = cx, cy, w, h, score of class "plant"), so it runs
/// through the same <see cref="YoloDetector"/> as a trained model until one exists. It is classic CV: green
/// rosettes on soil become excess-green hills whose peaks are plants; letterbox grey has ExG 0 and never fires.
/// </summary>
public static class BuiltInPlantDetector
{
    public const string FileName = "builtin-plant-detector-v1.onnx";

    public const string ClassName = "plant";

    /// <summary>
    /// Metadata key of the grouping distance a model asks for after NMS (see <c>DetectionGrouping</c>): the built-in
    /// detector can put two excess-green peaks on one flat, pale plant, far enough apart for NMS to keep both.
    /// </summary>
    public const string GroupingMetadataKey = "demeter_grouping_distance";

    private const int OpsetVersion = 17;

    // IR version 8 is the one that introduced opset 17 support; any ORT from 1.12 on reads it.
    private const int IrVersion = 8;

    public static OnnxModel BuildModel(BuiltInPlantDetectorOptions? options = null)
    {
        var o = options ?? new BuiltInPlantDetectorOptions();
        o.Validate();
        var metadata = new Dictionary<string, string>
        {
            ["description"] = "Demeter built-in excess-green plant detector (classic CV, no training)",
            ["task"] = "detect",
            ["imgsz"] = $"[{o.InputSizePx}, {o.InputSizePx}]",
            ["names"] = $"{{0: '{ClassName}'}}",
            [GroupingMetadataKey] = "0.5",
        };
        return new OnnxModel(BuiltInPlantDetectorGraph.Build(o), OpsetVersion, IrVersion, "demeter", "1", metadata);
    }

    /// <summary>The model as ONNX bytes; the same options always give the same bytes.</summary>
    public static byte[] Build(BuiltInPlantDetectorOptions? options = null) => OnnxModelWriter.Encode(BuildModel(options));

    /// <summary>
    /// Writes the model to <paramref name="directory"/> unless an identical file is already there, and returns
    /// its path. The write goes through a temporary file and a rename so a concurrent reader never sees half a model.
    /// </summary>
    public static string EnsureModelFile(string directory, BuiltInPlantDetectorOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var bytes = Build(options);
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return path;
        }

        var temporary = Path.Combine(directory, $".{FileName}.{Guid.NewGuid():N}.tmp");
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
        return path;
    }
}
