using System.Text.Json.Nodes;
using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

/// <summary>
/// A small, valid set of the three GeoJSON files that a test can break in one place: two 20 m × 10 m naves,
/// each split into a north and a south cantero, each split into two 10 m × 5 m claros.
/// </summary>
internal sealed class SyntheticLayoutFiles
{
    public static readonly GeoPoint Origin = new(-68.7040, -33.0420);

    public JsonObject Naves { get; } = Collection(
        Nave(1, "Nave 1", north: 0),
        Nave(2, "Nave 2", north: 20));

    public JsonObject Canteros { get; } = Collection(
        Cantero(11, "Cantero Norte", 1, "Nave 1", north: 5),
        Cantero(12, "Cantero Sur", 2, "Nave 1", north: 0),
        Cantero(21, "Cantero Norte", 1, "Nave 2", north: 25),
        Cantero(22, "Cantero Sur", 2, "Nave 2", north: 20));

    public JsonObject Claros { get; } = Collection(
        Claro(111, "Claro 1", 1, 1, "Cantero Norte", "Nave 1", east: 0, north: 5),
        Claro(112, "Claro 2", 1, 2, "Cantero Norte", "Nave 1", east: 10, north: 5),
        Claro(121, "Claro 1", 2, 1, "Cantero Sur", "Nave 1", east: 0, north: 0),
        Claro(122, "Claro 2", 2, 2, "Cantero Sur", "Nave 1", east: 10, north: 0),
        Claro(211, "Claro 1", 1, 1, "Cantero Norte", "Nave 2", east: 0, north: 25),
        Claro(212, "Claro 2", 1, 2, "Cantero Norte", "Nave 2", east: 10, north: 25),
        Claro(221, "Claro 1", 2, 1, "Cantero Sur", "Nave 2", east: 0, north: 20),
        Claro(222, "Claro 2", 2, 2, "Cantero Sur", "Nave 2", east: 10, north: 20));

    public LayoutParseResult Parse() =>
        LayoutParser.Parse(Naves.ToJsonString(), Canteros.ToJsonString(), Claros.ToJsonString());

    public static LayoutDocument ValidDocument()
    {
        var result = new SyntheticLayoutFiles().Parse();
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Document;
    }

    public static JsonObject Feature(JsonObject properties, JsonNode? geometry) =>
        new() { ["type"] = "Feature", ["properties"] = properties, ["geometry"] = geometry };

    /// <summary>A GeoJSON Polygon of the rectangle, in metres east/north of <see cref="Origin"/>, clockwise like the real naves.</summary>
    public static JsonObject Rectangle(double east, double north, double widthM, double heightM) =>
        Polygon(RectangleRing(east, north, widthM, heightM).Reverse().ToArray());

    public static IReadOnlyList<GeoPoint> RectangleRing(double east, double north, double widthM, double heightM)
    {
        GeoPoint At(double e, double n) => Geodesy.Offset(Origin, e, n);
        return [At(east, north), At(east + widthM, north), At(east + widthM, north + heightM), At(east, north + heightM), At(east, north)];
    }

    public static JsonObject Polygon(params IReadOnlyList<GeoPoint>[] rings) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(rings.Select(ring =>
            (JsonNode)new JsonArray(ring.Select(p => (JsonNode)new JsonArray(p.Longitude, p.Latitude)).ToArray())).ToArray()),
    };

    private static JsonObject Collection(params JsonObject[] features) =>
        new() { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features.Cast<JsonNode>().ToArray()) };

    private static JsonObject Nave(int id, string name, double north) => Feature(
        new JsonObject { ["id"] = id, ["name"] = name, ["rowLabels"] = new JsonArray("Cantero Norte", "Cantero Sur"), ["rowCount"] = 2, ["colCount"] = 2 },
        Rectangle(0, north, 20, 10));

    private static JsonObject Cantero(int id, string label, int ordinal, string nave, double north) => Feature(
        new JsonObject { ["id"] = id, ["label"] = label, ["ordinal"] = ordinal, ["nave"] = nave },
        Rectangle(0, north, 20, 5));

    private static JsonObject Claro(int id, string label, int row, int col, string cantero, string nave, double east, double north) => Feature(
        new JsonObject { ["id"] = id, ["label"] = label, ["row"] = row, ["col"] = col, ["cantero"] = cantero, ["nave"] = nave },
        Rectangle(east, north, 10, 5));
}
