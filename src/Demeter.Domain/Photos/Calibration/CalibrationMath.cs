using Demeter.Domain.Photos.Estimation;

namespace Demeter.Domain.Photos.Calibration;

/// <summary>
/// Turns validated samples into a calibration. Each sample says which α would have estimated its hidden plants
/// exactly: α = hidden plant units / (validated − detected). The calibrated α is their mean with the default counted as
/// <see cref="PriorWeight"/> samples, so one photo moves it by at most a sixth. The plant size is the geometric mean of
/// the measured sizes with the default A₀ counted as <see cref="AreaPriorWeight"/> sample: sizes differ by orders of
/// magnitude between products and cameras (seedlings of 150 px², rosettes of 5,000), and A₀ is a placeholder, not
/// knowledge, so it must give way within a few photos. The latest <see cref="MaxSamples"/> samples count.
/// </summary>
public static class CalibrationMath
{
    public const int PriorWeight = 5;

    public const int AreaPriorWeight = 1;

    public const int MaxSamples = 100;

    /// <summary>α is kept within these bounds: beyond them a sample says more about a wrong count than about plants.</summary>
    public const double MinAlpha = 0.2;

    public const double MaxAlpha = 3.0;

    /// <summary>The α a sample implies, or null when it says nothing about α (no hidden area was measured).</summary>
    public static double? AlphaOf(CalibrationSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        if (!(sample.HiddenPlantUnits > 0))
        {
            return null;
        }

        // Nothing was hidden (or the detector over-counted): the estimate should have been 0, so α as large as allowed.
        var hidden = sample.ValidatedTotal - sample.Detected;
        return hidden <= 0 ? MaxAlpha : Math.Clamp(sample.HiddenPlantUnits / hidden, MinAlpha, MaxAlpha);
    }

    public static PlantSizeCalibration Compute(string key, int version, IReadOnlyList<CalibrationSample> samples, EstimationSettings defaults)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(defaults);
        var recent = samples.OrderBy(s => s.At).ThenBy(s => s.SessionId).TakeLast(MaxSamples).ToList();
        var alphas = recent.Select(AlphaOf).OfType<double>().ToList();
        var areas = recent.Select(s => s.MeasuredPlantAreaPx).OfType<double>().Where(a => a > 0).ToList();
        var alpha = ((PriorWeight * defaults.Alpha) + alphas.Sum()) / (PriorWeight + alphas.Count);
        var area = Math.Exp(((AreaPriorWeight * Math.Log(defaults.FallbackPlantAreaPx)) + areas.Sum(Math.Log)) / (AreaPriorWeight + areas.Count));
        return new PlantSizeCalibration(key, version, Math.Round(area, 2), Math.Round(alpha, 4), recent.Count);
    }
}
