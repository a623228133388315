using System.Globalization;
using System.Text.RegularExpressions;
using Demeter.Domain.Common;

namespace Demeter.Domain.Catalog.Import;

/// <summary>
/// How the nursery names its pots. The product list codes them (S R5 D: a succulent in a rigid square 5 in gold);
/// the price list describes them ("Rígida 8 cuadrada Gris", "Termoformada 11 negra", "Soplada 5LTS terracota",
/// "R9 Injertado"). Both read to one packaging code: type letter, size, colour letter (R5D, T11N, S5LT); a pot
/// the description does not reveal keeps its description, in capitals, as its code.
/// </summary>
public static partial class PotNames
{
    public sealed record Pot(string Sku, string Name, string? TypeCode, string? TypeName, string? MaterialCode, string? ColorName, double? SizeCm, double? VolumeLiters);

    private static readonly (string Letter, string Name, string Hex)[] Colors =
    [
        ("T", "terracota", "#C8553D"), ("D", "dorada", "#D4AF37"), ("G", "gris", "#8A8D91"), ("B", "blanca", "#F5F5F5"),
        ("A", "azul", "#1F5FBF"), ("N", "negra", "#1A1A1A"), ("V", "violeta", "#7F3FBF"), ("R", "roja", "#B22222"),
    ];

    private static readonly (string Letter, string Code, string Name)[] Types =
    [
        ("R", "RIGID", "Rígida"), ("T", "TERMOFORMADA", "Termoformada"), ("S", "SOPLADA", "Soplada"), ("TE", "TERRINA", "Terrina"),
    ];

    public static string HexOf(string colorName) => Colors.First(c => c.Name == colorName).Hex;

    /// <summary>A product-list code (CR8T, SR5D): the category letter and the pot, or null when it is not one.</summary>
    public static (char Category, Pot Pot)? FromProductCode(string code)
    {
        var match = ProductCode().Match(code.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        if (!match.Success)
        {
            return null;
        }

        var type = Types.First(t => t.Letter == match.Groups["type"].Value);
        var color = Colors.FirstOrDefault(c => c.Letter == match.Groups["color"].Value);
        if (color.Name is null)
        {
            return null;
        }

        var size = double.Parse(match.Groups["size"].Value, CultureInfo.InvariantCulture);
        return (match.Groups["category"].Value[0], new Pot(
            $"{type.Letter}{match.Groups["size"].Value}{color.Letter}", $"{type.Name} {match.Groups["size"].Value} {color.Name}", type.Code, type.Name, null, color.Name, size, null));
    }

    /// <summary>A price-list pot description read as a pot; never null (an unreadable one keeps its words as its code).</summary>
    public static Pot FromDescription(string description)
    {
        var text = Collapse(description);
        var plain = Plain(text);
        var words = plain.Split([' ', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        var color = Colors.FirstOrDefault(c => words.Any(w => SameColor(w, c.Name)));
        (string Letter, string Code, string Name)? type =
            words.Contains("RIGIDA") ? Types[0]
            : words.Contains("TERMOFORMADA") ? Types[1]
            : words.Contains("SOPLADA") ? Types[2]
            : words.Contains("TERRINA") ? Types[3]
            : null;
        var material = words.Contains("CERAMICA") ? "CERAMIC" : null;
        double? volume = Volume().Match(plain) is { Success: true } v ? double.Parse(v.Groups["liters"].Value, CultureInfo.InvariantCulture) : null;

        // "R9 Injertado", "T11 Injertado": a graft in a pot named by its letter and size.
        if (type is null && LetterAndSize().Match(plain) is { Success: true } coded && Types.FirstOrDefault(t => t.Letter == coded.Groups["type"].Value) is { Code: not null } byLetter)
        {
            type = byLetter;
            plain = plain.Replace(coded.Value, $"X {coded.Groups["size"].Value}", StringComparison.Ordinal);
        }

        double? size = volume is null && type is not null && Size().Match(plain) is { Success: true } s ? double.Parse(s.Groups["size"].Value, CultureInfo.InvariantCulture) : null;
        string sku;
        if (type is { } t && size is { } cm)
        {
            sku = $"{t.Letter}{Number(cm)}{color.Letter}";
        }
        else if (volume is { } liters)
        {
            sku = $"{type?.Letter}{Number(liters)}L{color.Letter}";
        }
        else
        {
            sku = Slug(plain);
        }

        if (material is not null && type is { Letter: "TE" } && size is not null)
        {
            sku = "TC" + sku[2..];
        }

        return new Pot(sku, text, type?.Code, type?.Name, material, color.Name, size, volume);
    }

    public static string Collapse(string text) => Spaces().Replace(text.Trim(), " ");

    /// <summary>Capitals without accents: "Rígida" and "RIGIDA" read the same.</summary>
    public static string Plain(string text) => TextRules.FoldAccents(text).ToUpperInvariant();

    private static bool SameColor(string word, string color)
    {
        // "negra"/"negro", "blanca"/"blanco", and abbreviations such as "TERRAC." for terracota.
        var stem = Plain(color)[..^1];
        return (word.StartsWith(stem, StringComparison.Ordinal) && word.Length <= stem.Length + 1)
            || (word.Length >= 5 && stem.StartsWith(word, StringComparison.Ordinal));
    }

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Slug(string plain)
    {
        var slug = NotCode().Replace(plain, "-").Trim('-');
        return slug.Length <= 50 ? slug : slug[..50].TrimEnd('-');
    }

    [GeneratedRegex("^(?<category>[CS])(?<type>R)(?<size>[0-9]{1,2})(?<color>[A-Z])$")]
    private static partial Regex ProductCode();

    [GeneratedRegex(@"(?<liters>[0-9]+(?:[.,][0-9]+)?)\s*(?:L|LT|LTS|LITRO|LITROS)\b")]
    private static partial Regex Volume();

    [GeneratedRegex(@"\b(?<type>TE|[RTS])(?<size>[0-9]{1,2})\b")]
    private static partial Regex LetterAndSize();

    [GeneratedRegex(@"\b(?<size>[0-9]{1,2})(?:/[0-9]{1,2})?\b")]
    private static partial Regex Size();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("[^A-Z0-9/]+")]
    private static partial Regex NotCode();
}
