using Microsoft.ML.OnnxRuntime;

namespace Demeter.Inference.Detectors;

/// <summary>
/// The CUDA execution provider of the GPU ONNX Runtime package, and the one error a node gives when it cannot use it:
/// the provider library loads the NVIDIA libraries only when a session asks for CUDA, so a missing CUDA 13 runtime,
/// cuDNN 9 or driver shows up at startup, where it names what to install. Nothing falls back to the CPU.
/// </summary>
public static class CudaRuntime
{
    public const string ProviderName = "CUDAExecutionProvider";

    /// <summary>What a GPU node needs beside the package, named in the startup error.</summary>
    public const string Requirements =
        "an NVIDIA GPU and driver, the CUDA 13 runtime (libcudart.so.13, libcublas.so.13, libcublasLt.so.13) " +
        "and cuDNN 9 (libcudnn.so.9) on the library path";

    public static void Append(SessionOptions options, ExecutionDevice device)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!OrtEnv.Instance().GetAvailableProviders().Contains(ProviderName))
        {
            throw new DeviceUnavailableException(
                $"Device {device} is not available: this ONNX Runtime build has no CUDA execution provider. Use the GPU runtime package (Microsoft.ML.OnnxRuntime.Gpu.Linux) or --device cpu.");
        }

        try
        {
            options.AppendExecutionProvider_CUDA(device.GpuIndex);
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or DllNotFoundException or EntryPointNotFoundException)
        {
            throw Unavailable(device, ex);
        }
    }

    /// <summary>A session on a CUDA device failed for the device, not the model (no such GPU, no driver, out of memory).</summary>
    public static bool IsDeviceFailure(OnnxRuntimeException ex) =>
        ex.Message.Contains("CUDA", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("cudnn", StringComparison.OrdinalIgnoreCase)
        || ex.Message.Contains("shared library", StringComparison.OrdinalIgnoreCase);

    public static DeviceUnavailableException Unavailable(ExecutionDevice device, Exception cause) =>
        new($"Device {device} is not available: it needs {Requirements}. Install CUDA 13 and cuDNN 9 or start with --device cpu. ONNX Runtime said: {cause.Message.Trim()}", cause);
}

/// <summary>The device a node or command was started with cannot run models here; the message says what to install.</summary>
public sealed class DeviceUnavailableException : InvalidOperationException
{
    public DeviceUnavailableException(string message)
        : base(message)
    {
    }

    public DeviceUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
