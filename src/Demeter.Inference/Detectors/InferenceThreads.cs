namespace Demeter.Inference.Detectors;

/// <summary>
/// How a device's detector work is spread over threads. <see cref="Lanes"/> Runs go at once, each with
/// <see cref="IntraOpThreads"/> ORT threads. On the CPU the default is one lane per core with one thread each: a
/// YOLO-sized Run scales worse over threads than separate Runs over cores, and single-threaded Runs leave ORT no
/// spinning thread pool to fight the photo pipeline for the same cores. On a GPU two lanes let one lane letterbox and
/// decode on the CPU while the other's Run is on the device.
/// </summary>
public readonly record struct InferenceThreads(int Lanes, int IntraOpThreads)
{
    /// <param name="device">The device the detector runs on.</param>
    /// <param name="cores">The node's cores (<see cref="Environment.ProcessorCount"/>).</param>
    /// <param name="lanes">Configured lanes, 0 for the default.</param>
    /// <param name="intraOpThreads">Configured ORT threads per Run, 0 for cores ÷ lanes.</param>
    public static InferenceThreads For(ExecutionDevice device, int cores, int lanes = 0, int intraOpThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lanes);
        ArgumentOutOfRangeException.ThrowIfNegative(intraOpThreads);
        var c = Math.Max(1, cores);
        var l = lanes > 0 ? lanes : device.IsCuda ? 2 : c;
        var t = intraOpThreads > 0 ? intraOpThreads : device.IsCuda ? 1 : Math.Max(1, c / l);
        return new InferenceThreads(l, t);
    }

    /// <summary>
    /// Tiles per Run unless configured: on a GPU 8 (a batch keeps the device busy between the CPU's letterboxing); on
    /// the CPU 1, because there a batch only enlarges the working set past the caches (the built-in detector, 88 tiles on
    /// 2 cores: 350–420 ms one by one, 430–450 ms in batches of 8).
    /// </summary>
    public static int DefaultMaxBatch(ExecutionDevice device) => device.IsCuda ? 8 : 1;
}
