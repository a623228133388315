using System.Text.Json;

namespace Demeter.Domain.Layout;

/// <summary>
/// One feature read from a FeatureCollection: its position, id, properties and exterior ring. A feature
/// with a bad geometry keeps an empty ring instead of being dropped, so its children still link to it and
/// the report names the real problem rather than a cascade of "unknown parent" errors.
/// </summary>
internal sealed record GeoJsonFeature(int Index, int Id, JsonElement Properties, IReadOnlyList<GeoPoint> Ring)
{
    public bool HasRing => Ring.Count > 0;
}
