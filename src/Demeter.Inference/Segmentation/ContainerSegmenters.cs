namespace Demeter.Inference.Segmentation;

/// <summary>Opens the container segmenter a setting names.</summary>
public static class ContainerSegmenters
{
    /// <summary>
    /// "builtin" (the classical segmenter), "whole-photo" (no segmentation: the photo is one bed) or the path of a
    /// YOLO segmentation export.
    /// </summary>
    /// <exception cref="FileNotFoundException">A path that does not exist.</exception>
    /// <exception cref="Detectors.InvalidModelException">A file that is not a usable segment model.</exception>
    public static IContainerSegmenter Open(string? setting, string device = "cpu")
    {
        var name = string.IsNullOrWhiteSpace(setting) ? BuiltInContainerSegmenter.SegmenterName : setting.Trim();
        if (string.Equals(name, BuiltInContainerSegmenter.SegmenterName, StringComparison.OrdinalIgnoreCase))
        {
            return new BuiltInContainerSegmenter();
        }

        if (string.Equals(name, WholePhotoSegmenter.SegmenterName, StringComparison.OrdinalIgnoreCase))
        {
            return new WholePhotoSegmenter();
        }

        var path = Path.GetFullPath(name);
        return File.Exists(path)
            ? new YoloContainerSegmenter(path, device)
            : throw new FileNotFoundException($"Segmenter model '{path}' does not exist (use builtin, whole-photo or the path of a segment .onnx).", path);
    }
}
