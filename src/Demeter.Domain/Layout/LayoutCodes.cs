using System.Text;

namespace Demeter.Domain.Layout;

/// <summary>
/// Business codes (DOMAIN §1.10) derived from names, because the GeoJSON files carry none: each part is the
/// name upper-cased with everything but A–Z and 0–9 dropped ("Nave 1" → NAVE1), and parts are joined by
/// hyphens: NAVE1, NAVE1-CANTERONORTE, NAVE1-CANTERONORTE-CLARO11.
/// </summary>
public static class LayoutCodes
{
    public const int WarehouseMaxLength = 20;
    public const int StorageAreaMaxLength = 50;
    public const int StorageLocationMaxLength = 50;

    public static string Part(string name)
    {
        var code = new StringBuilder(name.Length);
        foreach (var c in name.ToUpperInvariant())
            if (c is >= 'A' and <= 'Z' or >= '0' and <= '9') code.Append(c);
        return code.ToString();
    }

    public static string Warehouse(string name) => Part(name);

    public static string StorageArea(string warehouseCode, string label) => $"{warehouseCode}-{Part(label)}";

    public static string StorageLocation(string storageAreaCode, string label) => $"{storageAreaCode}-{Part(label)}";

    /// <summary>Why a derived code is unusable (an empty part or too long), or null when it is fine.</summary>
    public static string? Problem(string code, int maxLength)
    {
        if (code.Split('-').Any(part => part.Length == 0))
            return $"derived code '{code}' has an empty part: the name has no letters or digits";
        if (code.Length is < 2 || code.Length > maxLength)
            return $"derived code '{code}' must be 2-{maxLength} characters";
        return null;
    }
}
