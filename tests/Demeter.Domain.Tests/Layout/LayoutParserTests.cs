using System.Text.Json.Nodes;
using Demeter.Domain.Layout;

namespace Demeter.Domain.Tests.Layout;

public sealed class LayoutParserTests
{
    private readonly SyntheticLayoutFiles _files = new();

    private JsonObject Nave(int index) => _files.Naves["features"]![index]!.AsObject();

    private JsonObject Cantero(int index) => _files.Canteros["features"]![index]!.AsObject();

    private JsonObject Claro(int index) => _files.Claros["features"]![index]!.AsObject();

    [Fact]
    public void Valid_files_link_claros_to_canteros_by_nave_name_and_cantero_label()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();

        Assert.Equal([1, 2], layout.Warehouses.Select(w => w.Id));
        Assert.Equal([11, 12, 21, 22], layout.StorageAreas.Select(a => a.Id));
        Assert.Equal([1, 1, 2, 2], layout.StorageAreas.Select(a => a.WarehouseId));
        // "Cantero Norte" exists in both naves: the nave name decides which one a claro belongs to.
        var claro = layout.StorageLocations.Single(l => l.Id == 211);
        Assert.Equal((21, 2, "Claro 1", 1, 1), (claro.StorageAreaId, claro.WarehouseId, claro.Label, claro.Row, claro.Col));
        Assert.Equal("NAVE2-CANTERONORTE-CLARO1", claro.Code);
        Assert.Equal(("NAVE1", "NAVE1-CANTEROSUR"), (layout.Warehouses[0].Code, layout.StorageAreas[1].Code));
    }

    [Fact]
    public void Names_link_ignoring_case_and_surrounding_spaces()
    {
        Claro(0)["properties"]!["nave"] = "  nave 1 ";
        Claro(0)["properties"]!["cantero"] = "CANTERO NORTE";

        var result = _files.Parse();

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(11, result.Document.StorageLocations.Single(l => l.Id == 111).StorageAreaId);
    }

    [Fact]
    public void Rings_are_stored_closed_and_counter_clockwise_whatever_the_file_orientation()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();
        var clockwiseInFile = SyntheticLayoutFiles.RectangleRing(0, 0, 20, 10);

        Assert.Equal(clockwiseInFile, layout.Warehouses[0].Polygon);
        Assert.All(layout.StorageLocations, l => Assert.Equal(l.Polygon[0], l.Polygon[^1]));
    }

    [Fact]
    public void Derived_area_of_a_surveyed_rectangle_is_its_size_in_square_metres()
    {
        var layout = SyntheticLayoutFiles.ValidDocument();

        Assert.Equal(200, layout.Warehouses[0].AreaM2, 3);
        Assert.Equal(100, layout.StorageAreas[0].AreaM2, 3);
        Assert.All(layout.StorageLocations, l => Assert.Equal(50, l.AreaM2, 3));
        var centre = Geodesy.Offset(SyntheticLayoutFiles.Origin, 10, 5);
        Assert.True(Geodesy.LocalDistanceM(centre, layout.Warehouses[0].Centroid) < 1e-3);
    }

    [Theory]
    [InlineData("{ \"type\": ", "not valid JSON")]
    [InlineData("", "not valid JSON")]
    [InlineData("[1, 2]", "not a GeoJSON FeatureCollection")]
    [InlineData("{ \"type\": \"Feature\", \"properties\": {}, \"geometry\": null }", "not a GeoJSON FeatureCollection")]
    [InlineData("{ \"type\": \"FeatureCollection\" }", "no \"features\" array")]
    public void An_unusable_file_is_reported_once_without_cascading_into_its_children(string naves, string problem)
    {
        var result = LayoutParser.Parse(naves, _files.Canteros.ToJsonString(), _files.Claros.ToJsonString());

        var error = Assert.Single(result.Errors);
        Assert.False(result.Succeeded);
        Assert.Equal((LayoutParser.WarehousesFileName, (int?)null), (error.File, error.FeatureIndex));
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void A_wrong_geometry_type_names_file_index_and_id()
    {
        Claro(3)["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(-68.7, -33.0) };

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal(new LayoutParseError(LayoutParser.StorageLocationsFileName, 3, 122,
            "geometry type is \"Point\"; expected \"Polygon\""), error);
        Assert.Equal("claros.geojson features[3] (id 122): geometry type is \"Point\"; expected \"Polygon\"", error.ToString());
    }

    [Fact]
    public void A_missing_geometry_is_reported()
    {
        Cantero(1)["geometry"] = null;

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal((LayoutParser.StorageAreasFileName, 1, 12, "missing geometry"), (error.File, error.FeatureIndex, error.FeatureId, error.Problem));
    }

    [Fact]
    public void A_missing_id_is_reported_by_feature_index()
    {
        Nave(1)["properties"]!.AsObject().Remove("id");

        var errors = _files.Parse().Errors;

        Assert.Contains(errors, e => e is { File: LayoutParser.WarehousesFileName, FeatureIndex: 1, FeatureId: null } && e.Problem.StartsWith("missing id"));
    }

    [Fact]
    public void A_duplicate_id_is_reported_with_the_first_use()
    {
        Claro(5)["properties"]!["id"] = 111;

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal((LayoutParser.StorageLocationsFileName, 5, 111), (error.File, error.FeatureIndex, error.FeatureId));
        Assert.Equal("duplicate id 111 (first used by features[0])", error.Problem);
    }

    [Fact]
    public void A_cantero_naming_an_unknown_nave_is_reported()
    {
        Cantero(2)["properties"]!["nave"] = "Nave 9";

        var errors = _files.Parse().Errors;

        Assert.Contains(new LayoutParseError(LayoutParser.StorageAreasFileName, 2, 21,
            "unknown nave \"Nave 9\": no feature in naves.geojson has that name"), errors);
    }

    [Fact]
    public void A_claro_naming_a_cantero_label_that_its_nave_lacks_is_reported()
    {
        // The label exists, but only in other naves: the link key is (nave, label), not the label alone.
        Cantero(2)["properties"]!["label"] = "Cantero Este";

        var errors = _files.Parse().Errors;

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(LayoutParser.StorageLocationsFileName, e.File));
        Assert.Equal([211, 212], errors.Select(e => e.FeatureId));
        Assert.Contains("unknown cantero \"Cantero Norte\" in nave \"Nave 2\"", errors[0].Problem);
    }

    [Fact]
    public void Duplicate_nave_names_are_reported_because_children_could_not_tell_them_apart()
    {
        Nave(1)["properties"]!["name"] = "Nave 1";

        var errors = _files.Parse().Errors;

        Assert.Contains(errors, e => e is { File: LayoutParser.WarehousesFileName, FeatureIndex: 1, FeatureId: 2 } && e.Problem.StartsWith("duplicate name \"Nave 1\""));
    }

    [Fact]
    public void A_polygon_with_fewer_than_four_positions_is_reported()
    {
        var ring = SyntheticLayoutFiles.RectangleRing(0, 5, 10, 5);
        Claro(0)["geometry"] = SyntheticLayoutFiles.Polygon([ring[0], ring[1], ring[0]]);

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal((0, 111), (error.FeatureIndex, error.FeatureId));
        Assert.StartsWith("polygon ring has 3 positions", error.Problem);
    }

    [Fact]
    public void An_unclosed_polygon_is_reported()
    {
        var ring = SyntheticLayoutFiles.RectangleRing(0, 5, 10, 5);
        Claro(0)["geometry"] = SyntheticLayoutFiles.Polygon(ring.Take(4).ToArray());

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Contains("not closed", error.Problem);
    }

    [Fact]
    public void A_self_intersecting_polygon_is_reported_as_invalid()
    {
        var r = SyntheticLayoutFiles.RectangleRing(0, 5, 10, 5);
        Claro(0)["geometry"] = SyntheticLayoutFiles.Polygon([r[0], r[2], r[1], r[3], r[0]]);

        var error = Assert.Single(_files.Parse().Errors);

        Assert.StartsWith("polygon is invalid: Self-intersection", error.Problem);
    }

    [Fact]
    public void A_polygon_with_a_hole_is_reported()
    {
        Nave(0)["geometry"] = SyntheticLayoutFiles.Polygon(
            SyntheticLayoutFiles.RectangleRing(0, 0, 20, 10), SyntheticLayoutFiles.RectangleRing(1, 1, 2, 2));

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Contains("hole", error.Problem);
    }

    [Theory]
    [InlineData(-68.7, 95.0)]
    [InlineData(200.0, -33.0)]
    public void Coordinates_outside_WGS84_are_reported(double longitude, double latitude)
    {
        var ring = SyntheticLayoutFiles.RectangleRing(0, 5, 10, 5).ToArray();
        ring[2] = new GeoPoint(longitude, latitude);
        Claro(0)["geometry"] = SyntheticLayoutFiles.Polygon(ring);

        var error = Assert.Single(_files.Parse().Errors);

        Assert.StartsWith("position 2 ", error.Problem);
        Assert.Contains("outside WGS84 range", error.Problem);
    }

    [Fact]
    public void Non_numeric_coordinates_are_reported()
    {
        Claro(0)["geometry"]!["coordinates"]![0]![1] = new JsonArray("a", "b");

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Contains("number pairs", error.Problem);
    }

    [Fact]
    public void A_claro_outside_its_cantero_is_reported()
    {
        Claro(0)["geometry"] = SyntheticLayoutFiles.Rectangle(0, 5.5, 10, 5);

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal((LayoutParser.StorageLocationsFileName, 0, 111), (error.File, error.FeatureIndex, error.FeatureId));
        Assert.StartsWith("polygon is not inside its cantero's polygon", error.Problem);
    }

    [Fact]
    public void A_claro_sticking_out_by_less_than_the_survey_tolerance_is_accepted()
    {
        Claro(0)["geometry"] = SyntheticLayoutFiles.Rectangle(0, 5.02, 10, 5);

        Assert.True(_files.Parse().Succeeded);
    }

    [Fact]
    public void Missing_properties_are_each_named()
    {
        Claro(0)["properties"] = new JsonObject { ["id"] = 111 };

        var problems = _files.Parse().Errors.Select(e => e.Problem).ToList();

        foreach (var name in new[] { "label", "row", "col", "cantero", "nave" })
            Assert.Contains(problems, p => p.StartsWith($"property \"{name}\" is missing"));
    }

    [Fact]
    public void Problems_in_all_three_files_are_reported_together()
    {
        Nave(0)["type"] = "Thing";
        Cantero(3)["geometry"] = null;
        Claro(7)["properties"]!["row"] = "one";

        var result = _files.Parse();

        Assert.Null(result.Document);
        Assert.Equal(
            [LayoutParser.WarehousesFileName, LayoutParser.StorageAreasFileName, LayoutParser.StorageLocationsFileName],
            result.Errors.Select(e => e.File).Distinct());
    }

    [Fact]
    public void A_name_without_letters_or_digits_cannot_give_a_code()
    {
        Nave(1)["properties"]!["name"] = "--";
        foreach (var feature in _files.Canteros["features"]!.AsArray().Concat(_files.Claros["features"]!.AsArray()))
        {
            if ((string?)feature!["properties"]!["nave"] == "Nave 2") feature["properties"]!["nave"] = "--";
        }

        var error = Assert.Single(_files.Parse().Errors);

        Assert.Equal((LayoutParser.WarehousesFileName, 2), (error.File, error.FeatureId));
        Assert.Contains("empty part", error.Problem);
    }
}
