using System.Text.Json;

namespace Demeter.Domain.Layout;

/// <summary>
/// Reads a GeoJSON FeatureCollection of Polygon features (RFC 7946) into <see cref="GeoJsonFeature"/>s,
/// recording every problem it finds instead of stopping at the first.
/// </summary>
internal sealed class GeoJsonFeatureReader(string file, List<LayoutParseError> errors)
{
    /// <summary>The features with a usable id, or null when the file as a whole is unusable.</summary>
    public IReadOnlyList<GeoJsonFeature>? Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            errors.Add(new LayoutParseError(file, null, null, $"not valid JSON: {ex.Message}"));
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || TypeOf(root) != "FeatureCollection")
            {
                errors.Add(new LayoutParseError(file, null, null, "not a GeoJSON FeatureCollection (root \"type\" must be \"FeatureCollection\")"));
                return null;
            }

            if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                errors.Add(new LayoutParseError(file, null, null, "FeatureCollection has no \"features\" array"));
                return null;
            }

            return ReadFeatures(features);
        }
    }

    private List<GeoJsonFeature> ReadFeatures(JsonElement features)
    {
        var result = new List<GeoJsonFeature>();
        var indexById = new Dictionary<int, int>();
        var index = 0;
        if (features.GetArrayLength() > LayoutLimits.MaxFeaturesPerFile)
        {
            Error(0, null, $"{features.GetArrayLength()} features; a layout file may hold at most {LayoutLimits.MaxFeaturesPerFile}");
            return result;
        }

        foreach (var element in features.EnumerateArray())
        {
            var feature = ReadFeature(index, element);
            if (feature is not null)
            {
                if (indexById.TryGetValue(feature.Id, out var first))
                    Error(index, feature.Id, $"duplicate id {feature.Id} (first used by features[{first}])");
                else
                {
                    indexById.Add(feature.Id, index);
                    result.Add(feature);
                }
            }

            index++;
        }

        return result;
    }

    private GeoJsonFeature? ReadFeature(int index, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || TypeOf(element) != "Feature")
        {
            Error(index, null, "not a GeoJSON Feature (\"type\" must be \"Feature\")");
            return null;
        }

        var properties = element.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Clone()
            : default;
        var id = ReadId(element, properties);
        if (id is null) Error(index, null, "missing id: expected an integer \"id\" in properties (or on the feature)");
        else if (id <= 0)
        {
            Error(index, id, $"id {id} is not a positive integer");
            id = null;
        }

        if (properties.ValueKind != JsonValueKind.Object) Error(index, id, "missing \"properties\" object");
        var ring = ReadRing(index, id, element);
        return id is null || properties.ValueKind != JsonValueKind.Object
            ? null
            : new GeoJsonFeature(index, id.Value, properties, ring);
    }

    private static int? ReadId(JsonElement feature, JsonElement properties)
    {
        // The nursery files put the id in properties; RFC 7946 allows it on the feature itself.
        if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("id", out var id) &&
            id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out var value))
            return value;
        if (feature.TryGetProperty("id", out id) && id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out value))
            return value;
        return null;
    }

    private IReadOnlyList<GeoPoint> ReadRing(int index, int? id, JsonElement feature)
    {
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
        {
            Error(index, id, "missing geometry");
            return [];
        }

        var type = TypeOf(geometry);
        if (type != "Polygon")
        {
            Error(index, id, $"geometry type is {(type is null ? "missing" : $"\"{type}\"")}; expected \"Polygon\"");
            return [];
        }

        if (!geometry.TryGetProperty("coordinates", out var rings) || rings.ValueKind != JsonValueKind.Array ||
            rings.GetArrayLength() == 0)
        {
            Error(index, id, "Polygon has no coordinates");
            return [];
        }

        if (rings.GetArrayLength() > 1)
        {
            // Holes would silently change the area if dropped; no nursery polygon has one.
            Error(index, id, $"Polygon has {rings.GetArrayLength() - 1} hole(s); only a single exterior ring is supported");
            return [];
        }

        if (rings[0].ValueKind == JsonValueKind.Array && rings[0].GetArrayLength() > LayoutLimits.MaxVerticesPerPolygon)
        {
            Error(index, id, $"Polygon has {rings[0].GetArrayLength()} vertices; at most {LayoutLimits.MaxVerticesPerPolygon} are allowed");
            return [];
        }

        var ring = ReadPositions(rings[0]);
        if (ring is null)
        {
            Error(index, id, "Polygon coordinates must be an array of [longitude, latitude] number pairs");
            return [];
        }

        var problem = PolygonRules.Problem(ring);
        if (problem is null) return PolygonRules.CounterClockwise(ring);
        Error(index, id, problem);
        return [];
    }

    private static List<GeoPoint>? ReadPositions(JsonElement ring)
    {
        if (ring.ValueKind != JsonValueKind.Array) return null;
        var points = new List<GeoPoint>(ring.GetArrayLength());
        foreach (var position in ring.EnumerateArray())
        {
            // A third (altitude) value is allowed by RFC 7946 and ignored: the layout is two-dimensional.
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2 ||
                position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number ||
                !position[0].TryGetDouble(out var longitude) || !position[1].TryGetDouble(out var latitude))
                return null;
            points.Add(new GeoPoint(longitude, latitude));
        }

        return points;
    }

    private static string? TypeOf(JsonElement element) =>
        element.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;

    private void Error(int index, int? id, string problem) => errors.Add(new LayoutParseError(file, index, id, problem));
}
