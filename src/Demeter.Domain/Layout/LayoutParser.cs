namespace Demeter.Domain.Layout;

/// <summary>
/// Parses the nursery's three GeoJSON files, used as they come (see data/nursery/README.md), into a
/// <see cref="LayoutDocument"/>, or reports every problem found, each naming file, feature and cause.
/// </summary>
public static class LayoutParser
{
    public const string WarehousesFileName = "naves.geojson";
    public const string StorageAreasFileName = "canteros.geojson";
    public const string StorageLocationsFileName = "claros.geojson";

    public static LayoutParseResult Parse(string navesJson, string canterosJson, string clarosJson)
    {
        ArgumentNullException.ThrowIfNull(navesJson);
        ArgumentNullException.ThrowIfNull(canterosJson);
        ArgumentNullException.ThrowIfNull(clarosJson);

        var errors = new List<LayoutParseError>();
        var naves = new GeoJsonFeatureReader(WarehousesFileName, errors).Read(navesJson);
        var canteros = new GeoJsonFeatureReader(StorageAreasFileName, errors).Read(canterosJson);
        var claros = new GeoJsonFeatureReader(StorageLocationsFileName, errors).Read(clarosJson);

        // Links into an unreadable file would only repeat its error once per child, so they are skipped.
        var linker = new LayoutLinker(errors);
        var warehouses = naves is null ? null : linker.Warehouses(naves);
        var areas = canteros is null ? null : linker.StorageAreas(canteros, warehouses);
        var locations = claros is null ? null : linker.StorageLocations(claros, areas, warehouses);

        if (warehouses is not null && areas is not null && locations is not null)
            CheckContainment(warehouses.Values, areas.Values, locations, canteros!, claros!, errors);
        if (errors.Count > 0) return LayoutParseResult.Failure(errors);

        return LayoutParseResult.Success(new LayoutDocument(
            warehouses!.Values.OrderBy(w => w.Id).ToArray(),
            areas!.Values.OrderBy(a => a.Id).ToArray(),
            locations!.OrderBy(l => l.Id).ToArray()));
    }

    private static void CheckContainment(
        IEnumerable<Warehouse> warehouses,
        IEnumerable<StorageArea> areas,
        IEnumerable<StorageLocation> locations,
        IReadOnlyList<GeoJsonFeature> canteros,
        IReadOnlyList<GeoJsonFeature> claros,
        List<LayoutParseError> errors)
    {
        var canteroIndex = canteros.ToDictionary(f => f.Id, f => f.Index);
        var claroIndex = claros.ToDictionary(f => f.Id, f => f.Index);
        var areaList = areas.ToList();
        var locationList = locations.ToList();
        var warehouseRings = warehouses.ToDictionary(w => w.Id, w => w.Polygon);
        var areaRings = areaList.ToDictionary(a => a.Id, a => a.Polygon);

        foreach (var id in Containment.Outside(warehouseRings, areaList, a => a.Id, a => a.WarehouseId, a => a.Polygon))
            errors.Add(new LayoutParseError(StorageAreasFileName, canteroIndex[id], id,
                $"polygon is not inside its nave's polygon (tolerance {Containment.ToleranceM} m)"));
        foreach (var id in Containment.Outside(areaRings, locationList, l => l.Id, l => l.StorageAreaId, l => l.Polygon))
            errors.Add(new LayoutParseError(StorageLocationsFileName, claroIndex[id], id,
                $"polygon is not inside its cantero's polygon (tolerance {Containment.ToleranceM} m)"));
    }
}
