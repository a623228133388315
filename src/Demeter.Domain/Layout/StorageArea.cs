using System.Text.Json.Serialization;

namespace Demeter.Domain.Layout;

/// <summary>A cantero (bed) inside a warehouse. <see cref="Ordinal"/> is its position within the warehouse (1-based).</summary>
public sealed record StorageArea(
    int Id, int WarehouseId, string Label, int Ordinal, string Code, IReadOnlyList<GeoPoint> Polygon)
{
    [JsonIgnore] public double AreaM2 => RingMeasures.AreaM2(Polygon);

    [JsonIgnore] public GeoPoint Centroid => RingMeasures.Centroid(Polygon);

    public bool Equals(StorageArea? other) =>
        other is not null && Id == other.Id && WarehouseId == other.WarehouseId && Label == other.Label &&
        Ordinal == other.Ordinal && Code == other.Code && Ring.Equal(Polygon, other.Polygon);

    public override int GetHashCode() => HashCode.Combine(Id, WarehouseId, Label, Ordinal, Code, Ring.Hash(Polygon));
}
