using System.Globalization;
using System.Text.RegularExpressions;

namespace Demeter.Inference.Detectors;

/// <summary>Class names from an ultralytics export's "names" metadata, a Python dict such as "{0: 'plant', 1: 'weed'}".</summary>
public static partial class ModelLabels
{
    public static IReadOnlyList<string> Parse(string? names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            return [];
        }

        var byId = new SortedDictionary<int, string>();
        foreach (Match m in Entry().Matches(names))
        {
            byId[int.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture)] = m.Groups["name"].Value;
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
