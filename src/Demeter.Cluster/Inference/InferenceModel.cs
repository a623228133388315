using System.Security.Cryptography;
using Akka.Configuration;
using Demeter.Cluster.Hosting;
using Demeter.Inference.Detectors;
using Demeter.Inference.Segmentation;

namespace Demeter.Cluster.Inference;

/// <summary>
/// A loaded detector with the provenance a session records (the model's name and the SHA-256 of its file), the
/// node's container segmenter, and how the device's work is spread over threads.
/// </summary>
public sealed class InferenceModel(YoloDetector detector, string name, string sha256, IContainerSegmenter segmenter, InferenceThreads threads, string device = "cpu")
    : IDisposable
{
    /// <summary>The device it runs on (cpu, cuda:N), as the metrics label it.</summary>
    public string Device { get; } = device;

    public YoloDetector Detector { get; } = detector;

    /// <summary>Runs at once (the worker's lanes) and ORT threads per Run.</summary>
    public InferenceThreads Threads { get; } = threads;

    public IContainerSegmenter Segmenter { get; } = segmenter;

    public string Name { get; } = name;

    public string Sha256 { get; } = sha256;

    /// <summary>
    /// Loads the model named by <c>demeter.inference.model</c> (or --model / DEMETER_MODEL): "builtin" writes
    /// the built-in detector's ONNX file under the data directory on first run. A bad path or an unavailable
    /// device stops the node at startup with the reason, never a silent fallback.
    /// </summary>
    public static InferenceModel Load(Config config, NodeSettings node)
    {
        var section = config.GetConfig("demeter.inference");
        var model = node.Model ?? section.GetString("model", "builtin");
        var device = node.Device ?? section.GetString("device", "cpu");
        var path = string.Equals(model, "builtin", StringComparison.OrdinalIgnoreCase)
            ? BuiltInPlantDetector.EnsureModelFile(node.ModelDirectory)
            : Path.GetFullPath(model);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Inference model '{path}' does not exist (set demeter.inference.model, --model or DEMETER_MODEL).", path);
        }

        var settings = InferenceSettings.From(config);
        var execution = ExecutionDevice.Parse(device);
        var threads = InferenceThreads.For(execution, Environment.ProcessorCount, settings.Lanes, settings.IntraOpThreads);
        var options = new YoloDetectorOptions
        {
            Device = device,
            ConfidenceThreshold = (float)section.GetDouble("confidence-threshold", 0.25),
            IouThreshold = (float)section.GetDouble("iou-threshold", 0.45),
            IntraOpThreads = threads.IntraOpThreads,
            MaxBatch = settings.MaxBatch > 0 ? settings.MaxBatch : InferenceThreads.DefaultMaxBatch(execution),
        };
        var detector = new YoloDetector(path, options);
        try
        {
            // "builtin" (classical), "whole-photo" (no segmentation) or a YOLO segment export.
            var segmenter = ContainerSegmenters.Open(section.GetString("segmenter", BuiltInContainerSegmenter.SegmenterName), device, threads.IntraOpThreads);
            using var stream = File.OpenRead(path);
            return new InferenceModel(detector, Path.GetFileName(path), Convert.ToHexStringLower(SHA256.HashData(stream)), segmenter, threads, device);
        }
        catch
        {
            detector.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Detector.Dispose();
        Segmenter.Dispose();
    }
}
