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
    /// <param name="setting">The segmenter's name or model path.</param>
    /// <param name="device">Where a segment model runs.</param>
    /// <param name="intraOpThreads">ORT threads per Run of a segment model; 0 for ORT's default.</param>
    public static IContainerSegmenter Open(string? setting, string device = "cpu", int intraOpThreads = 0)
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
            ? new YoloContainerSegmenter(path, device, intraOpThreads: intraOpThreads)
            : throw new FileNotFoundException($"Segmenter model '{path}' does not exist (use builtin, whole-photo or the path of a segment .onnx).", path);
    }
}
