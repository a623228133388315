using Prometheus;

namespace Demeter.Cluster.Recovery;

/// <summary>
/// The unfinished-work sweep's findings in the node's Prometheus registry: work that stays on this gauge sweep after
/// sweep is not resuming (a transplant whose source keeps refusing the returned plants, a photo no inference node
/// can count), which is what an operator is alerted to.
/// </summary>
public static class RecoveryMeters
{
    private static readonly Gauge Stalled = Metrics.CreateGauge(
        "demeter_unfinished_work",
        "Transplants and photo sessions begun more than demeter.recovery.stalled-after ago and still unfinished at the last sweep (at most max-per-sweep)",
        new GaugeConfiguration { LabelNames = ["kind"] });

    public static void Swept(int transplants, int photoSessions)
    {
        Stalled.WithLabels("transplant").Set(transplants);
        Stalled.WithLabels("photo_session").Set(photoSessions);
    }
}
