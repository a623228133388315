using System.Text.Json;

namespace Demeter.Cli.Http;

/// <summary>Fields of a server answer as the commands print them: absent or null fields print as nothing.</summary>
public static class JsonFields
{
    public static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : string.Empty;

    public static string[] Strings(JsonElement element, string name) =>
        [.. element.GetProperty(name).EnumerateArray().Select(r => r.GetString() ?? string.Empty)];
}
