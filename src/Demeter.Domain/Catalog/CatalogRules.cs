using System.Text.RegularExpressions;
using Demeter.Domain.Common;

namespace Demeter.Domain.Catalog;

/// <summary>What each kind of entry must hold on its own; references to other entries are checked by <see cref="CatalogDecider"/>.</summary>
public static partial class CatalogRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 2000;
    public const int MaxPackagingPerProduct = 100;
    public const long MaxPrice = 1_000_000_000_000;

    /// <summary>Null when the entry's own fields are valid, else why not.</summary>
    public static string? FieldError(CatalogItem item) => item switch
    {
        ProductCategory c => Code(c.Code, "code", CategoryCode(), "upper-case letters, digits and '_' (3-50)") ?? Name(c.Name) ?? Text(c.Description, "description"),
        ProductFamily f => Name(f.Name) ?? Text(f.ScientificName, "scientificName", MaxNameLength) ?? Text(f.Description, "description"),
        Product p => (p.Sku.Length > 0 ? Code(p.Sku, "sku", ProductSku(), "upper-case letters, digits and '-' (6-20)") : null)
            ?? Name(p.CommonName, "commonName") ?? Text(p.ScientificName, "scientificName", MaxNameLength) ?? Text(p.Description, "description")
            ?? (p.PackagingIds.Count > MaxPackagingPerProduct ? $"a product lists at most {MaxPackagingPerProduct} packaging." : null),
        ProductState s => Code(s.Code, "code", CategoryCode(), "upper-case letters, digits and '_' (3-50)") ?? Name(s.Name),
        ProductSize s => Code(s.Code, "code", SizeCode(), "upper-case letters, digits and '_' (1-20)") ?? Name(s.Name)
            ?? (s.MinHeightCm is < 0 || s.MaxHeightCm is < 0 || s.MinHeightCm > s.MaxHeightCm ? "heights are ≥ 0 and minHeightCm ≤ maxHeightCm." : null),
        PackagingType t => Code(t.Code, "code", PackagingCode(), "letters, digits, '_' and '-' (3-50)") ?? Name(t.Name),
        PackagingMaterial m => Code(m.Code, "code", PackagingCode(), "letters, digits, '_' and '-' (3-50)") ?? Name(m.Name),
        PackagingColor c => (c.Name.Trim().Length is < 3 or > 50 ? "name has 3-50 characters." : Name(c.Name))
            ?? (c.HexCode is not null && !HexColor().IsMatch(c.HexCode) ? "hexCode is '#' and six hex digits (e.g. #C8553D)." : null),
        Packaging p => Code(p.Sku, "sku", PackagingSku(), "upper-case letters, digits, '/', '.' and '-' (2-50)") ?? Name(p.Name)
            ?? (p.VolumeLiters is < 0 || p.DiameterCm is < 0 || p.HeightCm is < 0 || NotFinite(p.VolumeLiters, p.DiameterCm, p.HeightCm)
                ? "volumeLiters, diameterCm and heightCm are finite and ≥ 0 when given." : null),
        PriceEntry e => Name(e.Sku, "sku", 50)
            ?? (e.WholesaleUnitPrice is <= 0 or > MaxPrice ? $"wholesaleUnitPrice is a whole amount in 1-{MaxPrice}." : null)
            ?? (e.RetailUnitPrice is { } retail && (retail < e.WholesaleUnitPrice || retail > MaxPrice) ? "retailUnitPrice is at least wholesaleUnitPrice." : null)
            ?? (e.UnitsPerBox is <= 0 or > 100_000 ? "unitsPerBox is 1-100000." : null)
            ?? (e.DiscountPercent is < 0 or > 100 ? "discountPercent is 0-100." : null)
            ?? Text(e.Observations, "observations", 500) ?? Text(e.Availability, "availability", 50),
        _ => "unknown kind of catalog entry.",
    };

    /// <summary>Product SKU on creation: the family's name in capitals (letters and digits, at most 15) and the next free number.</summary>
    public static string NextProductSku(string familyName, IEnumerable<string> existingSkus)
    {
        var stem = new string([.. TextRules.FoldAccents(familyName).ToUpperInvariant().Where(char.IsAsciiLetterOrDigit)]);
        stem = stem.Length == 0 ? "PRODUCT" : stem[..Math.Min(15, stem.Length)];
        var prefix = stem + "-";
        var highest = existingSkus
            .Where(s => s.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(s.AsSpan(prefix.Length), out _))
            .Select(s => int.Parse(s.AsSpan(prefix.Length), System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max();
        var sku = $"{prefix}{highest + 1:D3}";
        return sku.Length >= 6 ? sku : sku.PadRight(6, '0');
    }

    private static bool NotFinite(params double?[] values) => values.Any(v => v is { } d && !double.IsFinite(d));

    private static string? Code(string? value, string field, Regex pattern, string rule) =>
        value is null || !pattern.IsMatch(value) ? $"{field} is {rule}." : null;

    private static string? Name(string? value, string field = "name", int max = MaxNameLength) =>
        string.IsNullOrWhiteSpace(value) ? $"{field} is required."
        : value.Length > max ? $"{field} has at most {max} characters."
        : TextRules.HasHiddenCharacters(value) ? $"{field} must not hold control or invisible characters."
        : null;

    private static string? Text(string? value, string field, int max = MaxTextLength) =>
        value is null ? null
        : value.Length > max ? $"{field} has at most {max} characters."
        : TextRules.HasHiddenCharacters(value.Replace('\n', ' ')) ? $"{field} must not hold control or invisible characters."
        : null;

    [GeneratedRegex("^[A-Z0-9_]{3,50}$")]
    private static partial Regex CategoryCode();

    [GeneratedRegex("^[A-Z0-9_]{1,20}$")]
    private static partial Regex SizeCode();

    [GeneratedRegex("^[A-Z0-9-]{6,20}$")]
    private static partial Regex ProductSku();

    [GeneratedRegex("^[A-Za-z0-9_-]{3,50}$")]
    private static partial Regex PackagingCode();

    [GeneratedRegex("^[A-Z0-9][A-Z0-9/.-]{1,49}$")]
    private static partial Regex PackagingSku();

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
