using System.Buffers;
using System.Diagnostics;
using Demeter.Domain.Photos.Vision;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Demeter.Inference.Detectors;

/// <summary>
/// Runs a YOLOv8/YOLO11-exported detection model (or <see cref="BuiltInPlantDetector"/>) with ONNX Runtime:
/// letterbox → RGB CHW /255 → Run → decode → confidence filter → per-class NMS → back to source pixels.
/// One InferenceSession per detector. <see cref="Detect(SKBitmap, PixelRect)"/> may be called from several
/// threads at once: ORT's Run is thread-safe and every call uses its own buffers.
/// </summary>
public sealed class YoloDetector : IDisposable
{
    private const string CudaProvider = "CUDAExecutionProvider";

    private readonly InferenceSession _session;
    private readonly YoloDetectorOptions _options;
    private readonly string[] _outputNames;

    // Grouping distance the model's metadata asks for after NMS (0: none, as for every Ultralytics export).
    private readonly double _grouping;

    public YoloDetector(string modelPath, YoloDetectorOptions? options = null)
        : this(options, so => new InferenceSession(modelPath, so))
    {
    }

    public YoloDetector(byte[] modelBytes, YoloDetectorOptions? options = null)
        : this(options, so => new InferenceSession(modelBytes, so))
    {
    }

    private YoloDetector(YoloDetectorOptions? options, Func<SessionOptions, InferenceSession> open)
    {
        _options = options ?? new YoloDetectorOptions();
        Device = ExecutionDevice.Parse(_options.Device);
        using (var sessionOptions = CreateSessionOptions(Device, _options.IntraOpThreads))
        {
            try
            {
                _session = open(sessionOptions);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new InvalidModelException($"ONNX Runtime cannot load the model: {ex.Message}");
            }
        }

        try
        {
            Contract = ModelContract.Read(_session, _options.FallbackInputSizePx);
            Labels = _options.Labels ?? Contract.Labels;
            _grouping = Contract.Metadata.TryGetValue(BuiltInPlantDetector.GroupingMetadataKey, out var grouping)
                && double.TryParse(grouping, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var g) && g is > 0 and < 2
                ? g
                : 0;
            _outputNames = Contract.Prototypes is { } protos && _options.Masks ? [Contract.Detections.Name, protos.Name] : [Contract.Detections.Name];
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>What the model is: task, classes, input size, outputs.</summary>
    public ModelContract Contract { get; }

    public ExecutionDevice Device { get; }

    public int InputWidth => Contract.InputWidth;

    public int InputHeight => Contract.InputHeight;

    /// <summary>Class names by id (may be shorter than the model's class count; missing ones read "class{id}").</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Detections in <paramref name="image"/>'s pixel frame.</summary>
    public DetectorResult Detect(SKBitmap image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return Detect(image, new PixelRect(0, 0, image.Width, image.Height));
    }

    /// <summary>
    /// Detections inside <paramref name="region"/> of <paramref name="image"/>, in the region's own frame
    /// (0,0 = region's top-left corner) and clipped to it; shift by the region origin for image pixels.
    /// </summary>
    public DetectorResult Detect(SKBitmap image, PixelRect region)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (region.Width < 1 || region.Height < 1 || region.X < 0 || region.Y < 0 || region.Right > image.Width || region.Bottom > image.Height)
        {
            throw new ArgumentOutOfRangeException(nameof(region), region, $"Region must lie inside the {image.Width}×{image.Height} image.");
        }

        using var pixels = image.PeekPixels();
        using var source = SKImage.FromPixels(pixels);
        return Detect(source, region);
    }

    public void Dispose() => _session.Dispose();

    private DetectorResult Detect(SKImage source, PixelRect region)
    {
        var length = 3 * InputWidth * InputHeight;
        var buffer = ArrayPool<float>.Shared.Rent(length);
        try
        {
            var box = LetterboxRenderer.Render(source, region, InputWidth, InputHeight, buffer.AsMemory(0, length).Span);
            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, buffer.AsMemory(0, length), [1, 3, InputHeight, InputWidth]);
            using var runOptions = new RunOptions();
            var stopwatch = Stopwatch.StartNew();
            using var outputs = _session.Run(runOptions, [Contract.Input.Name], [tensor], _outputNames);
            stopwatch.Stop();

            var head = outputs[0].GetTensorDataAsSpan<float>();
            var headShape = outputs[0].GetTensorTypeAndShape().Shape;
            var candidates = YoloOutputDecoder.Decode(head, headShape, _options.ConfidenceThreshold, Labels, Contract.ClassCount, Contract.MaskChannels);
            var nms = NonMaxSuppression.Apply(candidates.Select(c => c.Detection), _options.IouThreshold, _options.MaxDetections);
            var kept = (_grouping > 0 ? DetectionGrouping.Group(nms, _grouping) : nms)
                .Select(d => (Input: d, Region: ToRegion(d, box, region)))
                .Where(d => d.Region.Area > 0)
                .ToList();
            if (Contract.Prototypes is null || !_options.Masks)
            {
                return new DetectorResult(kept.ConvertAll(d => d.Region), stopwatch.Elapsed);
            }

            var index = candidates.ToDictionary<Candidate, Detection, int>(c => c.Detection, c => c.Index, ReferenceEqualityComparer.Instance);
            var protos = outputs[1].GetTensorDataAsSpan<float>();
            var protoShape = outputs[1].GetTensorTypeAndShape().Shape;
            var coefficients = new float[Contract.MaskChannels];
            var masks = new List<InstanceMask>(kept.Count);
            foreach (var (input, inRegion) in kept)
            {
                YoloOutputDecoder.Coefficients(head, headShape, Contract.ClassCount, (int)index[input], coefficients);
                masks.Add(InstanceMaskDecoder.Decode(protos, protoShape, coefficients, inRegion, box, InputWidth, InputHeight));
            }

            return new DetectorResult(kept.ConvertAll(d => d.Region), stopwatch.Elapsed, masks);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private static Detection ToRegion(Detection d, Letterbox box, PixelRect region)
    {
        var (x1, y1) = box.ToSource(d.X1, d.Y1);
        var (x2, y2) = box.ToSource(d.X2, d.Y2);
        return d with
        {
            X1 = Math.Clamp(x1, 0, region.Width),
            Y1 = Math.Clamp(y1, 0, region.Height),
            X2 = Math.Clamp(x2, 0, region.Width),
            Y2 = Math.Clamp(y2, 0, region.Height),
        };
    }

    private static SessionOptions CreateSessionOptions(ExecutionDevice device, int intraOpThreads)
    {
        var options = new SessionOptions();
        try
        {
            if (intraOpThreads > 0)
            {
                options.IntraOpNumThreads = intraOpThreads;
            }

            if (device.IsCuda)
            {
                // The CPU package still exposes AppendExecutionProvider_CUDA but it throws EntryPointNotFound;
                // asking ORT which providers it was built with gives a clear error instead.
                if (!OrtEnv.Instance().GetAvailableProviders().Contains(CudaProvider))
                {
                    throw new InvalidOperationException(
                        "CUDA execution provider is not available in this ONNX Runtime build; install the GPU runtime or use device cpu");
                }

                options.AppendExecutionProvider_CUDA(device.GpuIndex);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
