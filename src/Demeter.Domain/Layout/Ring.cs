namespace Demeter.Domain.Layout;

/// <summary>
/// Value equality for polygon rings: records compare lists by reference, but "the same polygon" must mean
/// the same positions, or a re-import could never be recognised as unchanged.
/// </summary>
internal static class Ring
{
    public static bool Equal(IReadOnlyList<GeoPoint> a, IReadOnlyList<GeoPoint> b) =>
        ReferenceEquals(a, b) || a.SequenceEqual(b);

    public static int Hash(IReadOnlyList<GeoPoint> ring) =>
        ring.Count == 0 ? 0 : HashCode.Combine(ring.Count, ring[0], ring[ring.Count / 2]);
}
