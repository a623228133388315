using Demeter.Domain.Photos.Estimation;

namespace Demeter.Inference.Pipeline;

/// <summary>How <see cref="PhotoCounter"/> slices containers; defaults are the SAHI settings of the counting specification (512 px, 25 %).</summary>
public sealed record PhotoCountOptions
{
    public int TileSizePx { get; init; } = 512;

    public double OverlapRatio { get; init; } = 0.25;

    /// <summary>Run the detector once over each container's whole crop instead of on SAHI tiles.</summary>
    public bool WholeImage { get; init; }

    /// <summary>The photo is scaled down to this longer side for the container segmenter (as on the cluster).</summary>
    public int SegmentationLongSidePx { get; init; } = 1024;

    /// <summary>Detector Runs at once (see <see cref="Detectors.InferenceThreads"/>); the detector's batch size applies to each.</summary>
    public int Lanes { get; init; } = 1;

    /// <summary>One pass per Run on one thread: the plain path, for comparing the batched one against.</summary>
    public bool OneAtATime { get; init; }

    /// <summary>Filters, merge thresholds and estimation parameters.</summary>
    public ContainerCountingSettings Counting { get; init; } = new();

    /// <summary>Plant size and α learned from validated counts, when known for the photo's product.</summary>
    public PlantSizeCalibration? Calibration { get; init; }
}
