namespace Demeter.Inference.Segmentation;

/// <summary>Parameters of the built-in classical container segmenter; fractions are of the downscaled photo's longer side or area.</summary>
public sealed record BuiltInContainerSegmenterOptions
{
    /// <summary>The segmenter works on the photo downscaled to this longer side.</summary>
    public int WorkingLongSidePx { get; init; } = 512;

    /// <summary>A pixel is growing surface (soil, substrate or plant) at this HSV saturation (0–1) or more…</summary>
    public double MinSaturation { get; init; } = 0.2;

    /// <summary>…and this value (brightness, 0–1) or more…</summary>
    public double MinValue { get; init; } = 0.12;

    /// <summary>…with a hue from red through yellow to green, in degrees (blue and purple tarps and trays are not surface).</summary>
    public double MaxHueDegrees { get; init; } = 170;

    /// <summary>Closing radius: joins the cells of a plug tray across its dark walls and bridges dark plants.</summary>
    public double CloseRadius { get; init; } = 0.008;

    /// <summary>Opening radius: removes leaves and clutter on the paths.</summary>
    public double OpenRadius { get; init; } = 0.006;

    /// <summary>Smallest container, as a share of the photo's area.</summary>
    public double MinAreaShare { get; init; } = 0.002;

    /// <summary>A container whose box covers this share of the photo, or spans this share of its longer side, is a segment (a bed).</summary>
    public double SegmentAreaShare { get; init; } = 0.25;

    public double SegmentSpanShare { get; init; } = 0.6;

    /// <summary>A container where at least this share of the pixels are dark walls between surface cells is a plug tray.</summary>
    public double PlugWallShare { get; init; } = 0.12;

    internal void Validate()
    {
        if (WorkingLongSidePx < 32 || WorkingLongSidePx > 4096 || CloseRadius < 0 || OpenRadius < 0 || !(MinAreaShare > 0 && MinAreaShare < 1))
        {
            throw new ArgumentException("Built-in segmenter options out of range.");
        }
    }
}
