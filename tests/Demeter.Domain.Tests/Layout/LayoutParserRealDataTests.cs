using System.Diagnostics;
using System.Text.Json;
using Demeter.Domain.Layout;
using Xunit.Abstractions;

namespace Demeter.Domain.Tests.Layout;

public sealed class LayoutParserRealDataTests(ITestOutputHelper output)
{
    private static LayoutDocument Layout => RealNurseryData.Layout;

    [Fact]
    public void All_real_naves_canteros_and_claros_import()
    {
        var files = (LayoutParser.WarehousesFileName, LayoutParser.StorageAreasFileName, LayoutParser.StorageLocationsFileName);
        var (naves, canteros, claros) = (RealNurseryData.Read(files.Item1), RealNurseryData.Read(files.Item2), RealNurseryData.Read(files.Item3));

        var stopwatch = Stopwatch.StartNew();
        var result = LayoutParser.Parse(naves, canteros, claros);
        output.WriteLine($"parse of the real files: {stopwatch.Elapsed.TotalMilliseconds:F0} ms");

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(28, result.Document.Warehouses.Count);
        Assert.Equal(56, result.Document.StorageAreas.Count);
        Assert.Equal(1290, result.Document.StorageLocations.Count);
    }

    [Fact]
    public void Every_nave_gets_the_claros_its_own_row_and_column_counts_announce()
    {
        // rowCount × colCount in naves.geojson is an independent statement of how many claros each nave has.
        using var naves = JsonDocument.Parse(RealNurseryData.Read(LayoutParser.WarehousesFileName));
        var announced = naves.RootElement.GetProperty("features").EnumerateArray().ToDictionary(
            f => f.GetProperty("properties").GetProperty("id").GetInt32(),
            f => f.GetProperty("properties").GetProperty("rowCount").GetInt32() * f.GetProperty("properties").GetProperty("colCount").GetInt32());

        var linked = Layout.StorageLocations.GroupBy(l => l.WarehouseId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(announced.OrderBy(p => p.Key), linked.OrderBy(p => p.Key));
        Assert.All(Layout.Warehouses, w => Assert.Equal(2, Layout.StorageAreas.Count(a => a.WarehouseId == w.Id)));
    }

    [Fact]
    public void A_claro_links_to_the_cantero_of_its_own_nave()
    {
        var claro = Layout.StorageLocations.Single(l => l.Code == "NAVE7-CANTEROSUR-CLARO3");
        var area = Layout.StorageAreas.Single(a => a.Id == claro.StorageAreaId);
        var warehouse = Layout.Warehouses.Single(w => w.Id == claro.WarehouseId);

        Assert.Equal(("Cantero Sur", "Nave 7", area.WarehouseId), (area.Label, warehouse.Name, warehouse.Id));
        Assert.Equal(("Claro 3", 2, 3), (claro.Label, claro.Row, claro.Col));
        Assert.Equal(area.Ordinal, claro.Row);
    }

    [Fact]
    public void Claro_areas_are_plausible_and_match_the_spec_median()
    {
        var areas = Layout.StorageLocations.Select(l => l.AreaM2).Order().ToArray();

        // The README says 3–15 m²; 54 real claros measure 2.98 m², so the bound below allows for that rounding.
        Assert.InRange(areas[0], 2.9, 3.0);
        Assert.InRange(areas[^1], 14.0, 15.0);
        Assert.InRange(areas[areas.Length / 2], 7.2, 7.5); // ML_PIPELINE §9: median ≈ 7.3 m²
    }

    [Fact]
    public void Claros_tile_their_cantero_and_canteros_tile_their_nave()
    {
        foreach (var area in Layout.StorageAreas)
            Assert.Equal(area.AreaM2, Layout.StorageLocations.Where(l => l.StorageAreaId == area.Id).Sum(l => l.AreaM2), area.AreaM2 * 1e-6);
        foreach (var warehouse in Layout.Warehouses)
            Assert.Equal(warehouse.AreaM2, Layout.StorageAreas.Where(a => a.WarehouseId == warehouse.Id).Sum(a => a.AreaM2), warehouse.AreaM2 * 1e-6);
    }

    [Fact]
    public void Codes_follow_the_documented_formats_and_are_unique()
    {
        Assert.Equal("NAVE1", Layout.Warehouses.Single(w => w.Name == "Nave 1").Code);
        Assert.All(Layout.StorageAreas, a => Assert.Matches("^NAVE[0-9]+-CANTERO(NORTE|SUR)$", a.Code));
        Assert.All(Layout.StorageLocations, l => Assert.Matches("^NAVE[0-9]+-CANTERO(NORTE|SUR)-CLARO[0-9]+$", l.Code));
        Assert.Equal(1290, Layout.StorageLocations.Select(l => l.Code).Distinct().Count());
    }

    [Fact]
    public void Every_ring_is_closed_and_counter_clockwise()
    {
        var rings = Layout.Warehouses.Select(w => w.Polygon)
            .Concat(Layout.StorageAreas.Select(a => a.Polygon))
            .Concat(Layout.StorageLocations.Select(l => l.Polygon));

        Assert.All(rings, ring =>
        {
            Assert.Equal(ring[0], ring[^1]);
            var twiceSignedArea = ring.Zip(ring.Skip(1), (p, q) => p.Longitude * q.Latitude - q.Longitude * p.Latitude).Sum();
            Assert.True(twiceSignedArea > 0);
        });
    }

    [Fact]
    public void Parsing_the_same_files_twice_gives_equal_documents()
    {
        var again = RealNurseryData.Parse();

        Assert.True(again.Succeeded);
        Assert.NotSame(Layout, again.Document);
        Assert.Equal(Layout, again.Document);
    }
}
