namespace Demeter.Domain.Photos.Estimation;

/// <summary>
/// Parameters of band-based estimation of the plants the detector missed. Defaults are the normative algorithm's;
/// <see cref="MinOtsuSeparation"/> and <see cref="NoiseFloorFraction"/> are this implementation's guards (see there).
/// </summary>
public sealed record EstimationSettings
{
    /// <summary>Horizontal bands over the container: far plants (top) look smaller than near ones (bottom).</summary>
    public int Bands { get; init; } = 4;

    /// <summary>
    /// α of n = ceil(a / (A·α)): the share of a plant's box its visible leaves cover. Lower α → more plants;
    /// 0.9 (the default) leans towards over-estimation. Calibration from validated counts replaces it.
    /// </summary>
    public double Alpha { get; init; } = 0.9;

    /// <summary>A₀: plant area in px² when neither the band, the container nor a calibration gives one.</summary>
    public double FallbackPlantAreaPx { get; init; } = 2500;

    /// <summary>Detections a band (or container) needs before its own plant size is trusted.</summary>
    public int MinCalibrationDetections { get; init; } = 10;

    /// <summary>Each detection masks a disc of radius factor · max(w, h) around its centre.</summary>
    public double CircleRadiusFactor { get; init; } = 0.85;

    /// <summary>Odd side of the Gaussian that rounds the detection mask before it is re-binarized.</summary>
    public int BlurKernelPx { get; init; } = 15;

    /// <summary>
    /// Otsu always splits a histogram in two, even bare soil's single hump. The split is used only when the two
    /// classes' mean lightness (8-bit LAB L) differ by at least this; a narrower split is one population, and every
    /// residual pixel stays a candidate for the hue test.
    /// </summary>
    public double MinOtsuSeparation { get; init; } = 24;

    /// <summary>
    /// Processed area below this share of one plant (A·α) counts 0: the ceiling would turn a few leftover pixels
    /// into a whole plant in every band of every container, and put plants on empty containers.
    /// </summary>
    public double NoiseFloorFraction { get; init; } = 0.5;

    /// <summary>HSV floor range on OpenCV's 8-bit scales (H 0–179, S and V 0–255): dark, unsaturated soil.</summary>
    public HsvBound SoilMax { get; init; } = new(30, 40, 40);

    /// <summary>
    /// Plant hues (OpenCV 8-bit HSV): a residual pixel is vegetation only inside this range. Lightness alone cannot
    /// tell plants from floor when something darker than soil (a crate's rim, a shadow, a dark plant) shares the
    /// mask; set it to the crop's colours for red or blue-grey succulents.
    /// </summary>
    public HsvBound VegetationMin { get; init; } = new(35, 40, 40);

    public HsvBound VegetationMax { get; init; } = new(85, 255, 255);

    public void Validate()
    {
        if (Bands < 1 || Bands > 64 || !(Alpha > 0) || !(FallbackPlantAreaPx > 0) || MinCalibrationDetections < 1
            || !(CircleRadiusFactor > 0) || BlurKernelPx < 1 || BlurKernelPx % 2 == 0 || !(MinOtsuSeparation >= 0) || !(NoiseFloorFraction >= 0))
        {
            throw new ArgumentException("Estimation settings out of range (bands 1–64, α and areas positive, odd blur kernel).");
        }
    }
}

/// <summary>An upper bound per HSV channel on OpenCV's 8-bit scales.</summary>
public sealed record HsvBound(int H, int S, int V);
