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
}
