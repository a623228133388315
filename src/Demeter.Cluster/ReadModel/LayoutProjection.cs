using System.Data.Common;
using System.Text.Json;
using Demeter.Domain.Layout;

namespace Demeter.Cluster.ReadModel;

/// <summary>warehouses, storage_areas, storage_locations: each registration replaces the whole row.</summary>
public static class LayoutProjection
{
    public static Task ProjectAsync(DbConnection c, DbTransaction tx, ILayoutEvent @event, CancellationToken ct) => @event switch
    {
        WarehouseRegistered e => c.ExecuteAsync(
            """
            INSERT INTO warehouses (id, name, area_m2, centroid_lat, centroid_lon, geometry) VALUES (@id, @name, @area, @lat, @lon, @geo)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, area_m2 = excluded.area_m2, centroid_lat = excluded.centroid_lat,
                centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            ct, tx, ("@id", e.Warehouse.Id), ("@name", e.Warehouse.Name), ("@area", e.Warehouse.AreaM2),
            ("@lat", e.Warehouse.Centroid.Latitude), ("@lon", e.Warehouse.Centroid.Longitude), ("@geo", GeoJson(e.Warehouse.Polygon))),
        StorageAreaRegistered e => c.ExecuteAsync(
            """
            INSERT INTO storage_areas (id, warehouse_id, label, ordinal, area_m2, centroid_lat, centroid_lon, geometry)
            VALUES (@id, @warehouse, @label, @ordinal, @area, @lat, @lon, @geo)
            ON CONFLICT (id) DO UPDATE SET warehouse_id = excluded.warehouse_id, label = excluded.label, ordinal = excluded.ordinal,
                area_m2 = excluded.area_m2, centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            ct, tx, ("@id", e.StorageArea.Id), ("@warehouse", e.StorageArea.WarehouseId), ("@label", e.StorageArea.Label),
            ("@ordinal", e.StorageArea.Ordinal), ("@area", e.StorageArea.AreaM2), ("@lat", e.StorageArea.Centroid.Latitude),
            ("@lon", e.StorageArea.Centroid.Longitude), ("@geo", GeoJson(e.StorageArea.Polygon))),
        StorageLocationRegistered e => c.ExecuteAsync(
            """
            INSERT INTO storage_locations (id, storage_area_id, warehouse_id, label, row_number, col_number, area_m2, centroid_lat, centroid_lon, geometry)
            VALUES (@id, @area_id, @warehouse, @label, @row, @col, @area, @lat, @lon, @geo)
            ON CONFLICT (id) DO UPDATE SET storage_area_id = excluded.storage_area_id, warehouse_id = excluded.warehouse_id, label = excluded.label,
                row_number = excluded.row_number, col_number = excluded.col_number, area_m2 = excluded.area_m2,
                centroid_lat = excluded.centroid_lat, centroid_lon = excluded.centroid_lon, geometry = excluded.geometry
            """,
            ct, tx, ("@id", e.StorageLocation.Id), ("@area_id", e.StorageLocation.StorageAreaId), ("@warehouse", e.StorageLocation.WarehouseId),
            ("@label", e.StorageLocation.Label), ("@row", e.StorageLocation.Row), ("@col", e.StorageLocation.Col), ("@area", e.StorageLocation.AreaM2),
            ("@lat", e.StorageLocation.Centroid.Latitude), ("@lon", e.StorageLocation.Centroid.Longitude), ("@geo", GeoJson(e.StorageLocation.Polygon))),
        _ => Task.CompletedTask,
    };

    /// <summary>The ring as a GeoJSON Polygon ([lon, lat] order), ready for maps.</summary>
    private static string GeoJson(IReadOnlyList<GeoPoint> ring) =>
        JsonSerializer.Serialize(new { type = "Polygon", coordinates = new[] { ring.Select(p => new[] { p.Longitude, p.Latitude }) } });
}
