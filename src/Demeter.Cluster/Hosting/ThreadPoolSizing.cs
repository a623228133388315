namespace Demeter.Cluster.Hosting;

/// <summary>
/// Actors, streams, HTTP and tile encoding all share the .NET thread pool, while ONNX Runtime keeps the
/// cores busy with its own threads. On a 2-core machine the pool starts with 2 workers and grows by about
/// one every 500 ms when starved, so a photo being tiled could hold up every ask (and every HTTP request)
/// for tens of seconds. A higher floor lets the pool add threads at once instead.
/// </summary>
public static class ThreadPoolSizing
{
    public const int MinimumThreads = 32;

    /// <summary>Raises the pool's floor to <c>demeter.min-threads</c> (32 when unset).</summary>
    public static void EnsureHeadroom(Akka.Configuration.Config? config = null)
    {
        var minimum = config?.GetInt("demeter.min-threads", MinimumThreads) ?? MinimumThreads;
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, minimum), Math.Max(io, minimum));
    }
}
