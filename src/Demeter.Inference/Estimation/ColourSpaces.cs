using Demeter.Domain.Photos.Estimation;

namespace Demeter.Inference.Estimation;

/// <summary>The two colour conversions floor suppression uses, on OpenCV's 8-bit scales (so its thresholds read the same).</summary>
internal static class ColourSpaces
{
    // sRGB decoding per channel value, as OpenCV applies it before an 8-bit RGB → LAB conversion.
    private static readonly float[] Linear = Enumerable.Range(0, 256).Select(v =>
    {
        var c = v / 255.0;
        return (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
    }).ToArray();

    // L* by luminance on a grid of 2^16 steps: a cube root per pixel of a 12 MP crop costs more than the rest of floor
    // suppression, and one step changes L by under a tenth of a level.
    private const int LightnessSteps = 65_535;

    private static readonly byte[] LightnessOfLuminance = Enumerable.Range(0, LightnessSteps + 1).Select(i => ToLightness(i / (float)LightnessSteps)).ToArray();

    /// <summary>CIE L* of an sRGB colour scaled to 0–255 (L·255/100, D65 white).</summary>
    public static byte Lightness(byte r, byte g, byte b)
    {
        var y = (0.212671f * Linear[r]) + (0.715160f * Linear[g]) + (0.072169f * Linear[b]);
        return LightnessOfLuminance[Math.Clamp((int)((y * LightnessSteps) + 0.5f), 0, LightnessSteps)];
    }

    private static byte ToLightness(float y)
    {
        var l = y > 0.008856f ? (116f * MathF.Cbrt(y)) - 16f : 903.3f * y;
        return (byte)Math.Clamp((int)MathF.Round(l * 255f / 100f), 0, 255);
    }

    /// <summary>
    /// Whether a colour is plant-hued for floor suppression: outside the soil range and inside the vegetation range
    /// (HSV on OpenCV's 8-bit scale: H in 0–179, degrees / 2; S and V in 0–255). The same answer as testing the full HSV triple, but the hue (two float
    /// divisions) is only worked out when saturation and value leave either range possible.
    /// </summary>
    public static bool IsPlantHued(byte r, byte g, byte b, HsvBound soilMax, HsvBound vegetationMin, HsvBound vegetationMax)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var delta = max - min;
        var v = (int)max;
        var s = max == 0 ? 0 : (int)MathF.Round(255f * delta / max);
        if (s < vegetationMin.S || s > vegetationMax.S || v < vegetationMin.V || v > vegetationMax.V)
        {
            return false;
        }

        var h = Hue(r, g, b, max, delta);
        var soil = h <= soilMax.H && s <= soilMax.S && v <= soilMax.V;
        return !soil && h >= vegetationMin.H && h <= vegetationMax.H;
    }

    /// <summary>OpenCV's 8-bit hue: degrees / 2, rounded, 0–179.</summary>
    private static int Hue(byte r, byte g, byte b, int max, int delta)
    {
        if (delta == 0)
        {
            return 0;
        }

        float h = max == r ? 60f * (g - b) / delta : max == g ? 120f + (60f * (b - r) / delta) : 240f + (60f * (r - g) / delta);
        if (h < 0)
        {
            h += 360f;
        }

        return (int)MathF.Round(h / 2f) % 180;
    }
}
