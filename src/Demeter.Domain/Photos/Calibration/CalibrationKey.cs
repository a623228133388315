using System.Globalization;

namespace Demeter.Domain.Photos.Calibration;

/// <summary>Which calibration a count uses: one per product and packaging (the plants' size and habit), as the claro's config names them.</summary>
public static class CalibrationKey
{
    public static string For(int productId, int? packagingId) =>
        string.Create(CultureInfo.InvariantCulture, $"product-{productId}-packaging-{(packagingId is { } p ? p.ToString(CultureInfo.InvariantCulture) : "none")}");

    /// <summary>Whether <paramref name="key"/> is one <see cref="For"/> makes (the form an entity id and a URL accept).</summary>
    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= 64 } && System.Text.RegularExpressions.Regex.IsMatch(key, "^product-[0-9]{1,10}-packaging-([0-9]{1,10}|none)\\z");
}
