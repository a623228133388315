using System.Globalization;
using System.Text.RegularExpressions;

namespace Demeter.Inference.Detectors;

/// <summary>Class names from an ultralytics export's "names" metadata, a Python dict such as "{0: 'plant', 1: 'weed'}".</summary>
public static partial class ModelLabels
{
    /// <summary>More classes than any detector has; a larger id is a corrupt or hostile file, not a model.</summary>
    public const int MaxClasses = 10_000;

    /// <exception cref="InvalidModelException">A class id is beyond <see cref="MaxClasses"/>.</exception>
    public static IReadOnlyList<string> Parse(string? names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return [];
        }

        var byId = new SortedDictionary<int, string>();
        foreach (Match m in Entry().Matches(names))
        {
            if (!int.TryParse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id >= MaxClasses)
            {
                throw new InvalidModelException($"The names metadata has class id {m.Groups["id"].Value}; at most {MaxClasses} classes are supported.");
            }

            byId[id] = m.Groups["name"].Value;
        }

        if (byId.Count == 0)
        {
            return [];
        }

        var labels = new string[byId.Keys.Max() + 1];
        for (var i = 0; i < labels.Length; i++)
        {
            labels[i] = byId.TryGetValue(i, out var name) ? name : $"class{i}";
        }

        return labels;
    }

    [GeneratedRegex("""(?<id>\d+)\s*:\s*(?<q>['"])(?<name>.*?)\k<q>""")]
    private static partial Regex Entry();
}
