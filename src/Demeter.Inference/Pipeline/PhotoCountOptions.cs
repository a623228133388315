namespace Demeter.Inference.Pipeline;

/// <summary>How <see cref="PhotoCounter"/> slices a photo; defaults are the [CODE] SAHI settings of ML_PIPELINE §4.1.</summary>
public sealed record PhotoCountOptions
{
    public int TileSizePx { get; init; } = 512;

    public double OverlapRatio { get; init; } = 0.25;

    /// <summary>Run the detector once on the whole (letterboxed) photo instead of on SAHI tiles.</summary>
    public bool WholeImage { get; init; }

    /// <summary>GREEDYNMM IOS threshold for merging duplicates from overlapping tiles.</summary>
    public double MergeIosThreshold { get; init; } = 0.5;
}
