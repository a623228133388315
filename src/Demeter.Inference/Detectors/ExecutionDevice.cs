using System.Globalization;

namespace Demeter.Inference.Detectors;

/// <summary>Where ONNX Runtime executes a model: "cpu" or "cuda:N" (N = GPU index, "cuda" means cuda:0).</summary>
public readonly record struct ExecutionDevice(bool IsCuda, int GpuIndex)
{
    public static ExecutionDevice Cpu => new(false, 0);

    public static ExecutionDevice Parse(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var text = device.Trim().ToLowerInvariant();
        if (text == "cpu")
        {
            return Cpu;
        }

        if (text == "cuda")
        {
            return new ExecutionDevice(true, 0);
        }

        if (text.StartsWith("cuda:", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return new ExecutionDevice(true, index);
        }

        throw new ArgumentException($"Unknown device '{device}': use \"cpu\" or \"cuda:N\".", nameof(device));
    }

    public override string ToString() => IsCuda ? $"cuda:{GpuIndex}" : "cpu";
}
