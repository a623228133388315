using System.Globalization;
using System.Text;

namespace Demeter.Domain.Layout;

/// <summary>
/// A place that holds stock but is not part of the photographed layout: a seedling bench, a tunnel, a field
/// named in the sowing ledger ("M6c1sur", "T1c1", "campo 3"). It has no polygon, so no GPS fix finds it; stock
/// is booked into it by id like into any claro. Its id is given by the layout from a range no layout file uses.
/// </summary>
public sealed record StoragePlace(int Id, string Code, string Label)
{
    /// <summary>The first id the layout gives a place; layout files may not use ids from here on.</summary>
    public const int FirstId = 1_000_000;

    public const int MaxLabelLength = 100;

    /// <summary>The place's code: its label upper-cased, accents folded, only A–Z and 0–9 kept ("Túnel A/B" → TUNELAB).</summary>
    public static string CodeOf(string label)
    {
        var code = new StringBuilder(label.Length);
        foreach (var c in label.Trim().ToUpperInvariant())
        {
            var folded = c switch
            {
                'Á' or 'À' or 'Ä' or 'Â' => 'A',
                'É' or 'È' or 'Ë' or 'Ê' => 'E',
                'Í' or 'Ì' or 'Ï' or 'Î' => 'I',
                'Ó' or 'Ò' or 'Ö' or 'Ô' => 'O',
                'Ú' or 'Ù' or 'Ü' or 'Û' => 'U',
                'Ñ' => 'N',
                _ => c,
            };
            if (folded is >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                code.Append(folded);
            }
        }

        return code.ToString();
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Id} {Code}");
}
