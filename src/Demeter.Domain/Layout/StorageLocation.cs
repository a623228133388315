using System.Text.Json.Serialization;

namespace Demeter.Domain.Layout;

/// <summary>
/// A claro: the photo unit. <see cref="WarehouseId"/> repeats its area's warehouse so map and stock queries
/// need no join; the decider keeps the two consistent.
/// </summary>
public sealed record StorageLocation(
    int Id, int StorageAreaId, int WarehouseId, string Label, int Row, int Col, string Code,
    IReadOnlyList<GeoPoint> Polygon)
{
    [JsonIgnore] public double AreaM2 => RingMeasures.AreaM2(Polygon);

    [JsonIgnore] public GeoPoint Centroid => RingMeasures.Centroid(Polygon);

    public bool Equals(StorageLocation? other) =>
        other is not null && Id == other.Id && StorageAreaId == other.StorageAreaId &&
        WarehouseId == other.WarehouseId && Label == other.Label && Row == other.Row && Col == other.Col &&
        Code == other.Code && Ring.Equal(Polygon, other.Polygon);

    public override int GetHashCode() =>
        HashCode.Combine(Id, StorageAreaId, WarehouseId, Label, Row, Col, Code, Ring.Hash(Polygon));
}
