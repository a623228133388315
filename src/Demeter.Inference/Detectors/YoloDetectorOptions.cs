namespace Demeter.Inference.Detectors;

/// <summary>Runtime settings of a <see cref="YoloDetector"/>; defaults follow ML_PIPELINE §4 (conf 0.25, NMS IoU 0.45).</summary>
public sealed record YoloDetectorOptions
{
    /// <summary>"cpu" or "cuda:N"; CUDA never falls back to CPU silently.</summary>
    public string Device { get; init; } = "cpu";

    public float ConfidenceThreshold { get; init; } = 0.25f;

    public float IouThreshold { get; init; } = 0.45f;

    /// <summary>Cap on boxes kept per image after NMS (ultralytics' max_det).</summary>
    public int MaxDetections { get; init; } = 1000;

    /// <summary>Class names by id; when null the model's "names" metadata is used, else "class{id}".</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>ORT intra-op threads (the threads one Run uses); 0 lets ORT use one per core.</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>ORT inter-op threads (parallel branches of a graph, in parallel execution mode only); 0 = ORT's default.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>Most images run in one call when the model's batch axis is dynamic (a static-batch export runs one at a time).</summary>
    public int MaxBatch { get; init; } = 8;

    /// <summary>
    /// Decode a segment model's instance masks (per pixel of every kept box). Off by default: counting needs only the
    /// boxes, and the masks would be computed and thrown away for every tile.
    /// </summary>
    public bool Masks { get; init; }

    /// <summary>Input side used when the model declares a symbolic (dynamic) input size.</summary>
    public int FallbackInputSizePx { get; init; } = 640;
}
