using System.Collections.Concurrent;
using System.Text.Json;

namespace Demeter.Api.Map;

/// <summary>A GeoJSON FeatureCollection (RFC 7946) a map library draws as it is: polygons in [longitude, latitude].</summary>
public sealed record FeatureCollection<TProperties>(IReadOnlyList<Feature<TProperties>> Features)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";
}

/// <summary>One place on the map: its id, its polygon (or null) and what the map shows of it.</summary>
public sealed record Feature<TProperties>(int Id, JsonElement? Geometry, TProperties Properties)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public string Type => "Feature";
}

/// <summary>
/// Geometries as the read model stores them (GeoJSON text), parsed once: a layout changes rarely and a map view
/// draws the same polygons on every request.
/// </summary>
public sealed class GeometryCache
{
    private const int MaxEntries = 20_000;
    private readonly ConcurrentDictionary<string, JsonElement> _parsed = new(StringComparer.Ordinal);

    public JsonElement? Of(string? geometry)
    {
        if (string.IsNullOrEmpty(geometry))
        {
            return null;
        }

        if (_parsed.TryGetValue(geometry, out var element))
        {
            return element;
        }

        if (_parsed.Count >= MaxEntries)
        {
            // A re-imported layout leaves its old polygons behind; start over rather than grow without end.
            _parsed.Clear();
        }

        element = JsonDocument.Parse(geometry).RootElement.Clone();
        _parsed[geometry] = element;
        return element;
    }
}
