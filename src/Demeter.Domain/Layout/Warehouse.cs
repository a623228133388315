using System.Text.Json.Serialization;

namespace Demeter.Domain.Layout;

/// <summary>A nave (greenhouse). <see cref="Polygon"/> is a closed, counter-clockwise WGS84 exterior ring.</summary>
public sealed record Warehouse(int Id, string Name, string Code, IReadOnlyList<GeoPoint> Polygon)
{
    /// <summary>Derived from <see cref="Polygon"/> on every read, so it can never disagree with it (not serialized).</summary>
    [JsonIgnore] public double AreaM2 => RingMeasures.AreaM2(Polygon);

    [JsonIgnore] public GeoPoint Centroid => RingMeasures.Centroid(Polygon);

    public bool Equals(Warehouse? other) =>
        other is not null && Id == other.Id && Name == other.Name && Code == other.Code &&
        Ring.Equal(Polygon, other.Polygon);

    public override int GetHashCode() => HashCode.Combine(Id, Name, Code, Ring.Hash(Polygon));
}
