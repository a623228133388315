using Demeter.Inference.Detectors;

namespace Demeter.Inference.Tests.Support;

/// <summary>One built-in detector for the whole test run: sessions are thread-safe and building one costs ~100 ms.</summary>
internal static class SharedDetector
{
    private static readonly Lazy<YoloDetector> Instance = new(() => new YoloDetector(BuiltInPlantDetector.Build()));

    public static YoloDetector BuiltIn => Instance.Value;
}
