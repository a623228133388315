namespace Demeter.Cluster.Persistence;

/// <summary>
/// When an entity snapshots. At least every <c>demeter.snapshot-every</c> events, so recovery replays few events;
/// but never more often than one snapshot per <see cref="EntriesPerEvent"/> entries it holds per event since the
/// last one. A snapshot rewrites the whole state, and a batch's state grows with every movement id it has seen:
/// with a fixed interval the bytes written per movement grow without bound, while this keeps them constant and
/// recovery in proportion to the state's size (which reading the snapshot costs anyway).
/// </summary>
public static class SnapshotPolicy
{
    public const int EntriesPerEvent = 8;

    public static bool IsDue(long eventsSinceSnapshot, int snapshotEvery, int entries) =>
        eventsSinceSnapshot >= Math.Max(snapshotEvery, entries / EntriesPerEvent);
}
