namespace Demeter.Cluster.Hosting;

/// <summary>Keys under which the node's entry points are registered in the Akka.Hosting actor registry.</summary>
public static class ActorKeys
{
    public sealed class StockBatchRegion;

    public sealed class StorageLocationRegion;

    public sealed class TransplantRegion;

    public sealed class PhotoSessionRegion;

    public sealed class PlantSizeCalibrationRegion;

    public sealed class Layout;

    public sealed class Catalog;

    public sealed class InferenceRouter;

    /// <summary>This node's own inference worker; registered only on inference nodes.</summary>
    public sealed class InferenceWorker;

    /// <summary>The singleton that wakes unfinished transplants and photo sessions (domain nodes only).</summary>
    public sealed class UnfinishedWorkSweeper;

    /// <summary>The read-model projector singleton, through its proxy (it runs on a projector node).</summary>
    public sealed class Projector;
}
