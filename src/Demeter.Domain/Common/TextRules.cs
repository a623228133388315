namespace Demeter.Domain.Common;

/// <summary>What a name (of a place, a product, a bin) may hold.</summary>
public static class TextRules
{
    /// <summary>
    /// Whether a name holds a character that is not text: controls (NUL, ESC, line breaks) and invisible format
    /// characters such as the right-to-left override, which makes a name display as another one.
    /// </summary>
    public static bool HasHiddenCharacters(string text) =>
        text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);

    private const string Accented = "ÁÀÂÄÃÅáàâäãåÉÈÊËéèêëÍÌÎÏíìîïÓÒÔÖÕóòôöõÚÙÛÜúùûüÑñÇçÝýÿ";
    private const string Plain = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOoooooUUUUuuuuNnCcYyy";

    /// <summary>
    /// Latin letters without their accents ("Rígida" → "Rigida"), so names typed with and without them match. The
    /// nodes run in invariant globalization mode (no ICU), where String.Normalize cannot decompose letters, hence
    /// this table of the letters Spanish and its neighbours use.
    /// </summary>
    public static string FoldAccents(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var at = Accented.IndexOf(chars[i], StringComparison.Ordinal);
            if (at >= 0)
            {
                chars[i] = Plain[at];
            }
        }

        return new string(chars);
    }
}
