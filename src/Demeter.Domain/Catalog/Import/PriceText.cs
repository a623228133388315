using System.Globalization;

namespace Demeter.Domain.Catalog.Import;

/// <summary>
/// Amounts as the nursery's price list writes them: "$950", "$1.05", "$ 42.75". The '.' separates thousands, and
/// the spreadsheet drops trailing zeros of the last group, so "$1.05" is 1,050, "$12.14" is 12,140 and "$1.5" is
/// 1,500; a group is right-padded to three digits. "$" alone or a blank cell is no amount.
/// </summary>
public static class PriceText
{
    public static bool TryParse(string? text, out long amount, out string? error)
    {
        amount = 0;
        error = null;
        var digits = (text ?? string.Empty).Replace("$", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal).Trim();
        if (digits.Length == 0)
        {
            error = "no amount";
            return false;
        }

        var groups = digits.Split('.');
        if (groups.Any(g => g.Length == 0 || !g.All(char.IsAsciiDigit)) || groups.Skip(1).Any(g => g.Length > 3) || groups[0].Length > 12)
        {
            error = $"'{text}' is not an amount (digits, '.' between thousands)";
            return false;
        }

        long value = long.Parse(groups[0], CultureInfo.InvariantCulture);
        foreach (var group in groups.Skip(1))
        {
            value = checked((value * 1000) + long.Parse(group.PadRight(3, '0'), CultureInfo.InvariantCulture));
        }

        amount = value;
        return true;
    }
}
