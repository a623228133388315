using Demeter.Domain.Photos.Estimation;

namespace Demeter.Inference.Pipeline;

/// <summary>How <see cref="PhotoCounter"/> slices containers; defaults are the SAHI settings of the counting specification (512 px, 25 %).</summary>
public sealed record PhotoCountOptions
{
    public int TileSizePx { get; init; } = 512;

    public double OverlapRatio { get; init; } = 0.25;

    /// <summary>Run the detector once over each container's whole crop instead of on SAHI tiles.</summary>
    public bool WholeImage { get; init; }

    /// <summary>Filters, merge thresholds and estimation parameters.</summary>
    public ContainerCountingSettings Counting { get; init; } = new();

    /// <summary>Plant size and α learned from validated counts, when known for the photo's product.</summary>
    public PlantSizeCalibration? Calibration { get; init; }
}
