namespace Demeter.Domain.Layout;

/// <summary>
/// Turns features into records and links the levels by name, as the files do: a cantero names its nave, a
/// claro names its nave and cantero label. Names compare trimmed and case-insensitively; cantero labels
/// repeat across naves ("Cantero Norte" is in every nave), so a cantero's key is (nave name, label).
/// </summary>
internal sealed class LayoutLinker(List<LayoutParseError> errors)
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    // Parents whose code could not be derived: their children are still linked, so they do not report a
    // misleading "unknown parent", but their own codes are not checked, as they would only repeat the error.
    private readonly HashSet<int> _unusableWarehouses = [];
    private readonly HashSet<int> _unusableAreas = [];

    public Dictionary<string, Warehouse> Warehouses(IReadOnlyList<GeoJsonFeature> features)
    {
        var properties = new FeatureProperties(LayoutParser.WarehousesFileName, errors);
        var byName = new Dictionary<string, Warehouse>(Names);
        var codes = new HashSet<string>();
        foreach (var feature in features)
        {
            if (properties.Text(feature, "name") is not { } name) continue;
            var code = LayoutCodes.Warehouse(name);
            if (byName.TryGetValue(name, out var other))
            {
                properties.Error(feature, $"duplicate name \"{name}\" (also id {other.Id}); canteros and claros link to naves by name");
                continue;
            }

            if (CodeProblem(code, LayoutCodes.WarehouseMaxLength, codes) is { } problem)
            {
                properties.Error(feature, problem);
                _unusableWarehouses.Add(feature.Id);
            }

            byName.Add(name, new Warehouse(feature.Id, name, code, feature.Ring));
        }

        return byName;
    }

    /// <summary>Storage areas keyed by (nave name, label); <paramref name="warehouses"/> is null when naves.geojson was unusable, and links are then not checked.</summary>
    public Dictionary<string, StorageArea> StorageAreas(
        IReadOnlyList<GeoJsonFeature> features, Dictionary<string, Warehouse>? warehouses)
    {
        var properties = new FeatureProperties(LayoutParser.StorageAreasFileName, errors);
        var byKey = new Dictionary<string, StorageArea>(Names);
        var codes = new HashSet<string>();
        foreach (var feature in features)
        {
            var label = properties.Text(feature, "label");
            var ordinal = properties.Integer(feature, "ordinal");
            var naveName = properties.Text(feature, "nave");
            if (label is null || ordinal is null || naveName is null || warehouses is null) continue;
            if (!warehouses.TryGetValue(naveName, out var warehouse))
            {
                properties.Error(feature, $"unknown nave \"{naveName}\": no feature in {LayoutParser.WarehousesFileName} has that name");
                continue;
            }

            var key = AreaKey(warehouse.Name, label);
            var code = LayoutCodes.StorageArea(warehouse.Code, label);
            if (byKey.TryGetValue(key, out var other))
            {
                properties.Error(feature, $"duplicate cantero \"{label}\" in nave \"{warehouse.Name}\" (also id {other.Id})");
                continue;
            }

            if (_unusableWarehouses.Contains(warehouse.Id))
                _unusableAreas.Add(feature.Id);
            else if (CodeProblem(code, LayoutCodes.StorageAreaMaxLength, codes) is { } problem)
            {
                properties.Error(feature, problem);
                _unusableAreas.Add(feature.Id);
            }

            byKey.Add(key, new StorageArea(feature.Id, warehouse.Id, label, ordinal.Value, code, feature.Ring));
        }

        return byKey;
    }

    /// <summary>Storage locations; <paramref name="areas"/> or <paramref name="warehouses"/> is null when its file was unusable, and links are then not checked.</summary>
    public List<StorageLocation> StorageLocations(
        IReadOnlyList<GeoJsonFeature> features,
        Dictionary<string, StorageArea>? areas,
        Dictionary<string, Warehouse>? warehouses)
    {
        var properties = new FeatureProperties(LayoutParser.StorageLocationsFileName, errors);
        var locations = new List<StorageLocation>();
        var codes = new HashSet<string>();
        foreach (var feature in features)
        {
            var label = properties.Text(feature, "label");
            var row = properties.Integer(feature, "row");
            var col = properties.Integer(feature, "col");
            var canteroLabel = properties.Text(feature, "cantero");
            var naveName = properties.Text(feature, "nave");
            if (label is null || row is null || col is null || canteroLabel is null || naveName is null ||
                areas is null || warehouses is null) continue;
            if (!warehouses.TryGetValue(naveName, out var warehouse))
            {
                properties.Error(feature, $"unknown nave \"{naveName}\": no feature in {LayoutParser.WarehousesFileName} has that name");
                continue;
            }

            if (!areas.TryGetValue(AreaKey(warehouse.Name, canteroLabel), out var area))
            {
                properties.Error(feature, $"unknown cantero \"{canteroLabel}\" in nave \"{warehouse.Name}\": no such feature in {LayoutParser.StorageAreasFileName}");
                continue;
            }

            var code = LayoutCodes.StorageLocation(area.Code, label);
            if (_unusableAreas.Contains(area.Id)) continue;
            if (CodeProblem(code, LayoutCodes.StorageLocationMaxLength, codes) is { } problem)
                properties.Error(feature, problem);
            else
                locations.Add(new StorageLocation(feature.Id, area.Id, area.WarehouseId, label, row.Value, col.Value, code, feature.Ring));
        }

        return locations;
    }

    // The unit separator cannot occur in a trimmed name, so distinct (nave, label) pairs never collide.
    private static string AreaKey(string naveName, string label) => $"{naveName}\u001F{label}";

    private static string? CodeProblem(string code, int maxLength, HashSet<string> codes) =>
        LayoutCodes.Problem(code, maxLength) ??
        (codes.Add(code) ? null : $"derived code '{code}' is already used by another feature of this file (same name, or names that differ only in case, spaces or punctuation)");
}
