using Demeter.Cluster.Persistence;

namespace Demeter.Cluster.Tests.Persistence;

public sealed class SnapshotPolicyTests
{
    [Theory]
    [InlineData(499, 0, false)]
    [InlineData(500, 0, true)]
    [InlineData(500, 4000, true)]
    [InlineData(500, 4008, false)] // 4008 entries: one snapshot per 501 events at most
    [InlineData(501, 4008, true)]
    [InlineData(1249, 10_000, false)]
    [InlineData(1250, 10_000, true)]
    public void A_snapshot_is_due_every_N_events_or_once_per_eight_entries_per_event_for_a_large_state(long since, int entries, bool due) =>
        Assert.Equal(due, SnapshotPolicy.IsDue(since, snapshotEvery: 500, entries));

    [Fact]
    public void The_bytes_snapshotted_per_event_stay_bounded_as_the_state_grows()
    {
        // One entry per event (a batch remembering every movement id): count what all snapshots hold together.
        long written = 0, last = 0;
        for (var seq = 1; seq <= 200_000; seq++)
        {
            if (SnapshotPolicy.IsDue(seq - last, 500, seq))
            {
                written += seq;
                last = seq;
            }
        }

        Assert.InRange(written / 200_000.0, 1, SnapshotPolicy.EntriesPerEvent + 1);
    }
}
