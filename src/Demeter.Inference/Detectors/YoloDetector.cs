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
/// threads at once (ORT's Run is thread-safe and every call uses its own buffers), and so may
/// <see cref="DetectBatch"/>, each thread with its own <see cref="LetterboxRenderer"/>.
/// </summary>
public sealed class YoloDetector : IDisposable
{
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
        using (var sessionOptions = CreateSessionOptions(Device, _options))
        {
            try
            {
                _session = open(sessionOptions);
            }
            catch (OnnxRuntimeException ex) when (Device.IsCuda && CudaRuntime.IsDeviceFailure(ex))
            {
                throw CudaRuntime.Unavailable(Device, ex);
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
            MaxBatch = Contract.DynamicBatch ? _options.MaxBatch : 1;
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

    /// <summary>
    /// Images per Run: the batch size a static-batch export declares (1 for every default Ultralytics export), else
    /// <see cref="YoloDetectorOptions.MaxBatch"/>.
    /// </summary>
    public int MaxBatch { get; }

    /// <summary>Buffers for <see cref="DetectBatch"/> on one thread: one per thread that runs this detector.</summary>
    public LetterboxRenderer CreateRenderer() => new(InputWidth, InputHeight, MaxBatch);

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
        var input = new DetectionInput(image, region);
        input.Validate();
        using var renderer = new LetterboxRenderer(InputWidth, InputHeight, 1);
        return DetectBatch([input], renderer)[0];
    }

    /// <summary>
    /// Runs up to <see cref="MaxBatch"/> regions in one ONNX Runtime call, with <paramref name="renderer"/>'s buffers
    /// (from <see cref="CreateRenderer"/>, used by one thread at a time). Each region's detections are the ones
    /// <see cref="Detect(SKBitmap, PixelRect)"/> finds on it alone; its <see cref="DetectorResult.InferenceTime"/> is its
    /// share of the call.
    /// </summary>
    public IReadOnlyList<DetectorResult> DetectBatch(ReadOnlySpan<DetectionInput> inputs, LetterboxRenderer renderer)
    {
        ArgumentNullException.ThrowIfNull(renderer);
        if (inputs.Length < 1 || inputs.Length > renderer.MaxBatch || inputs.Length > MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.Length, $"A batch holds 1 to {Math.Min(MaxBatch, renderer.MaxBatch)} regions.");
        }

        if (renderer.InputWidth != InputWidth || renderer.InputHeight != InputHeight)
        {
            throw new ArgumentException($"The renderer draws {renderer.InputWidth}×{renderer.InputHeight}; this model takes {InputWidth}×{InputHeight}.", nameof(renderer));
        }

        var count = inputs.Length;
        var boxes = new Letterbox[count];
        for (var i = 0; i < count; i++)
        {
            boxes[i] = renderer.Render(inputs[i], i);
        }

        // A static-batch export is only ever given batches of its own size (MaxBatch), so this shape always fits.
        var values = renderer.Tensor.AsMemory(0, count * renderer.ImageLength);
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, values, [count, 3, InputHeight, InputWidth]);
        using var runOptions = new RunOptions();
        var stopwatch = Stopwatch.StartNew();
        using var outputs = _session.Run(runOptions, [Contract.Input.Name], [tensor], _outputNames);
        stopwatch.Stop();

        var share = stopwatch.Elapsed / count;
        var head = outputs[0].GetTensorDataAsSpan<float>();
        var headShape = outputs[0].GetTensorTypeAndShape().Shape;
        long[] imageHeadShape = [1, headShape[1], headShape[2]];
        var headLength = head.Length / count;
        var results = new DetectorResult[count];
        for (var i = 0; i < count; i++)
        {
            var imageHead = head.Slice(i * headLength, headLength);
            ReadOnlySpan<float> protos = default;
            long[] protoShape = [];
            if (Contract.Prototypes is not null && _options.Masks)
            {
                var all = outputs[1].GetTensorDataAsSpan<float>();
                var shape = outputs[1].GetTensorTypeAndShape().Shape;
                protoShape = [1, shape[1], shape[2], shape[3]];
                protos = all.Slice(i * (all.Length / count), all.Length / count);
            }

            results[i] = Decode(imageHead, imageHeadShape, protos, protoShape, boxes[i], inputs[i].Region, share);
        }

        return results;
    }

    public void Dispose() => _session.Dispose();

    private DetectorResult Decode(
        ReadOnlySpan<float> head, long[] headShape, ReadOnlySpan<float> protos, long[] protoShape, Letterbox box, PixelRect region, TimeSpan inferenceTime)
    {
        var candidates = YoloOutputDecoder.Decode(head, headShape, _options.ConfidenceThreshold, Labels, Contract.ClassCount, Contract.MaskChannels);
        var nms = NonMaxSuppression.Apply(candidates.Select(c => c.Detection), _options.IouThreshold, _options.MaxDetections);
        var kept = (_grouping > 0 ? DetectionGrouping.Group(nms, _grouping) : nms)
            .Select(d => (Input: d, Region: ToRegion(d, box, region)))
            .Where(d => d.Region.Area > 0)
            .ToList();
        if (Contract.Prototypes is null || !_options.Masks)
        {
            return new DetectorResult(kept.ConvertAll(d => d.Region), inferenceTime);
        }

        var index = candidates.ToDictionary<Candidate, Detection, int>(c => c.Detection, c => c.Index, ReferenceEqualityComparer.Instance);
        var coefficients = new float[Contract.MaskChannels];
        var masks = new List<InstanceMask>(kept.Count);
        foreach (var (input, inRegion) in kept)
        {
            YoloOutputDecoder.Coefficients(head, headShape, Contract.ClassCount, (int)index[input], coefficients);
            masks.Add(InstanceMaskDecoder.Decode(protos, protoShape, coefficients, inRegion, box, InputWidth, InputHeight));
        }

        return new DetectorResult(kept.ConvertAll(d => d.Region), inferenceTime, masks);
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

    private static SessionOptions CreateSessionOptions(ExecutionDevice device, YoloDetectorOptions o)
    {
        var options = new SessionOptions();
        try
        {
            // 0 leaves ORT's own choice (a thread per core); a node that runs several Runs at once gives each fewer.
            if (o.IntraOpThreads > 0)
            {
                options.IntraOpNumThreads = o.IntraOpThreads;
            }

            if (o.InterOpThreads > 0)
            {
                options.InterOpNumThreads = o.InterOpThreads;
            }

            if (device.IsCuda)
            {
                CudaRuntime.Append(options, device);
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
