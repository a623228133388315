namespace Demeter.Inference.Detectors;

/// <summary>
/// Parameters of the built-in classic-CV plant detector. Sizes in "cells" are in units of
/// <see cref="CellSizePx"/> input pixels; ExG values are on the 2G − R − B scale of RGB in [0, 1].
/// </summary>
public sealed record BuiltInPlantDetectorOptions
{
    /// <summary>Square model input side S (the YOLO export default).</summary>
    public int InputSizePx { get; init; } = 640;

    /// <summary>Side of the averaging cell; also the spacing of candidate centres.</summary>
    public int CellSizePx { get; init; } = 4;

    /// <summary>
    /// Gaussian smoothing of the cell ExG map: enough to fuse one rosette's leaves into one hill, small enough
    /// that plants only ~3 cells across (a whole 12 MP photo squeezed into 640 px) keep separate hills.
    /// </summary>
    public double SmoothingSigmaCells { get; init; } = 1.0;

    /// <summary>
    /// Odd window of the local-maximum test: two peaks closer than half of it cannot both fire. Small, because
    /// a second peak inside a big plant is removed by NMS anyway (its box overlaps the plant's box heavily).
    /// </summary>
    public int PeakWindowCells { get; init; } = 5;

    /// <summary>
    /// Width of the frame border ring where peaks are ignored: there the plant's centre lies outside the
    /// frame. With SAHI overlap (128 px) every plant centre is well inside some tile.
    /// </summary>
    public int BorderCells { get; init; } = 1;

    /// <summary>Smoothed ExG below this is never a peak (soil noise, stones, letterbox grey at exactly 0).</summary>
    public float PeakGate { get; init; } = 0.12f;

    /// <summary>Smoothed ExG at which the score is 0.5.</summary>
    public float ScoreMidpoint { get; init; } = 0.2f;

    /// <summary>Slope of the sigmoid that turns smoothed ExG into a score.</summary>
    public float ScoreGain { get; init; } = 12f;

    /// <summary>
    /// Cell ExG above which a cell counts as vegetation when sizing the box. Low (a cell about a quarter covered by
    /// leaves) so the gaps between rosette leaves count and the box reaches the leaf tips.
    /// </summary>
    public float VegetationThreshold { get; init; } = 0.15f;

    /// <summary>
    /// Odd, increasing windows in which vegetation area is measured around a peak; the smallest window the
    /// plant fills by less than <see cref="WindowFillLimit"/> is used, so neighbours rarely inflate the box.
    /// </summary>
    public IReadOnlyList<int> AreaWindowsCells { get; init; } = [5, 9, 13, 17, 25, 33, 49, 65];

    public float WindowFillLimit { get; init; } = 0.6f;

    /// <summary>
    /// Weight of the mean window fill added to smoothed ExG before the peak test; it only decides where ExG is
    /// nearly flat, centring peaks on uniformly coloured plants.
    /// </summary>
    public float CentringWeight { get; init; } = 0.05f;

    /// <summary>
    /// Count excess green only where a pixel's green exceeds its red: yellow-brown debris (dry leaves, straw) has positive
    /// excess green too, and without this the detector fires on it in empty containers.
    /// </summary>
    public bool GreenerThanRed { get; init; } = true;

    internal void Validate()
    {
        if (InputSizePx < 32 || CellSizePx < 1 || InputSizePx % CellSizePx != 0)
        {
            throw new ArgumentException("InputSizePx must be ≥ 32 and a multiple of CellSizePx.");
        }

        if (PeakWindowCells < 3 || PeakWindowCells % 2 == 0 || !(SmoothingSigmaCells > 0))
        {
            throw new ArgumentException("PeakWindowCells must be odd and ≥ 3; SmoothingSigmaCells must be positive.");
        }

        if (BorderCells < 0 || 2 * BorderCells >= InputSizePx / CellSizePx)
        {
            throw new ArgumentException("BorderCells must leave an interior.");
        }

        if (AreaWindowsCells.Count == 0 || AreaWindowsCells.Any(w => w < 1 || w % 2 == 0)
            || AreaWindowsCells.Zip(AreaWindowsCells.Skip(1)).Any(p => p.Second <= p.First))
        {
            throw new ArgumentException("AreaWindowsCells must be odd and strictly increasing.");
        }
    }
}
