using System.Globalization;

namespace Demeter.Domain.Stock;

/// <summary>
/// Batch codes as the nursery writes them: LOC{claro}-PROD{product}-{yyyyMMdd}-{seq:000}, e.g.
/// LOC15-PROD42-20250107-001. The sequence counts per claro, product and day (UTC) from 001; a product without a
/// catalog id yet is PROD0.
/// </summary>
public static class BatchCodes
{
    public static string Prefix(int storageLocationId, int? productId, DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"LOC{storageLocationId}-PROD{productId ?? 0}-{at.UtcDateTime:yyyyMMdd}");

    public static string Format(string prefix, int sequence) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{sequence:000}");

    public static bool TryParse(string code, out string prefix, out int sequence)
    {
        var dash = code.LastIndexOf('-');
        prefix = dash > 0 ? code[..dash] : string.Empty;
        sequence = 0;
        return dash > 0 && int.TryParse(code.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
