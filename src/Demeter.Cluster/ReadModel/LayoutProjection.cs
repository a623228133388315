using System.Text.Json;
using Demeter.Domain.Layout;

namespace Demeter.Cluster.ReadModel;

/// <summary>warehouses, storage_areas, storage_locations (claros and places): each registration replaces the whole row.</summary>
public static class LayoutProjection
{
    public static Task ProjectAsync(ProjectionContext c, ILayoutEvent @event) => @event switch
    {
        WarehouseRegistered e => c.ExecAsync(
            """
            INSERT INTO warehouses (id, name, code, area_m2, centroid_lat, centroid_lon, geometry) VALUES (@Id, @Name, @Code, @Area, @Lat, @Lon, @Geo)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, code = excluded.code, area_m2 = excluded.area_m2, centroid_lat = excluded.centroid_lat,
                centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            new
            {
                e.Warehouse.Id,
                e.Warehouse.Name,
                e.Warehouse.Code,
                Area = e.Warehouse.AreaM2,
                Lat = e.Warehouse.Centroid.Latitude,
                Lon = e.Warehouse.Centroid.Longitude,
                Geo = GeoJson(e.Warehouse.Polygon),
            }),
        StorageAreaRegistered e => c.ExecAsync(
            """
            INSERT INTO storage_areas (id, warehouse_id, label, code, ordinal, area_m2, centroid_lat, centroid_lon, geometry)
            VALUES (@Id, @WarehouseId, @Label, @Code, @Ordinal, @Area, @Lat, @Lon, @Geo)
            ON CONFLICT (id) DO UPDATE SET warehouse_id = excluded.warehouse_id, label = excluded.label, code = excluded.code, ordinal = excluded.ordinal,
                area_m2 = excluded.area_m2, centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            new
            {
                e.StorageArea.Id,
                e.StorageArea.WarehouseId,
                e.StorageArea.Label,
                e.StorageArea.Code,
                e.StorageArea.Ordinal,
                Area = e.StorageArea.AreaM2,
                Lat = e.StorageArea.Centroid.Latitude,
                Lon = e.StorageArea.Centroid.Longitude,
                Geo = GeoJson(e.StorageArea.Polygon),
            }),
        StorageLocationRegistered e => c.ExecAsync(
            """
            INSERT INTO storage_locations (id, kind, code, label, storage_area_id, warehouse_id, row_number, col_number, area_m2, centroid_lat, centroid_lon, geometry)
            VALUES (@Id, 'claro', @Code, @Label, @StorageAreaId, @WarehouseId, @Row, @Col, @Area, @Lat, @Lon, @Geo)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code, label = excluded.label, storage_area_id = excluded.storage_area_id,
                warehouse_id = excluded.warehouse_id, row_number = excluded.row_number, col_number = excluded.col_number, area_m2 = excluded.area_m2,
                centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            new
            {
                e.StorageLocation.Id,
                e.StorageLocation.Code,
                e.StorageLocation.Label,
                e.StorageLocation.StorageAreaId,
                e.StorageLocation.WarehouseId,
                e.StorageLocation.Row,
                e.StorageLocation.Col,
                Area = e.StorageLocation.AreaM2,
                Lat = e.StorageLocation.Centroid.Latitude,
                Lon = e.StorageLocation.Centroid.Longitude,
                Geo = GeoJson(e.StorageLocation.Polygon),
            }),
        StoragePlaceRegistered e => c.ExecAsync(
            """
            INSERT INTO storage_locations (id, kind, code, label) VALUES (@Id, 'place', @Code, @Label)
            ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, code = excluded.code, label = excluded.label
            """,
            new { e.StoragePlace.Id, e.StoragePlace.Code, e.StoragePlace.Label }),
        _ => Task.CompletedTask,
    };

    /// <summary>The ring as a GeoJSON Polygon ([lon, lat] order), ready for maps.</summary>
    private static string GeoJson(IReadOnlyList<GeoPoint> ring) =>
        JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { ring.Select(p => new[] { p.Longitude, p.Latitude }) } });
}
