using System.Text.Json;

namespace Demeter.Domain.Layout;

/// <summary>Typed reads of a feature's properties that record a named error instead of throwing.</summary>
internal sealed class FeatureProperties(string file, List<LayoutParseError> errors)
{
    /// <summary>A non-blank string, trimmed: stray spaces in hand-edited names must not break links.</summary>
    public string? Text(GeoJsonFeature feature, string name)
    {
        if (feature.Properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String &&
            value.GetString() is { } text && !string.IsNullOrWhiteSpace(text))
        {
            if (text.Length > LayoutLimits.MaxNameLength)
            {
                Error(feature, $"property \"{name}\" has {text.Length} characters; at most {LayoutLimits.MaxNameLength} are allowed");
                return null;
            }

            if (Common.TextRules.HasHiddenCharacters(text))
            {
                Error(feature, $"property \"{name}\" holds control or invisible formatting characters");
                return null;
            }

            return text.Trim();
        }

        Error(feature, $"property \"{name}\" is missing or not a non-empty string");
        return null;
    }

    public int? Integer(GeoJsonFeature feature, string name)
    {
        if (feature.Properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number &&
            value.TryGetInt32(out var number))
            return number;
        Error(feature, $"property \"{name}\" is missing or not an integer");
        return null;
    }

    public void Error(GeoJsonFeature feature, string problem) =>
        errors.Add(new LayoutParseError(file, feature.Index, feature.Id, problem));
}
