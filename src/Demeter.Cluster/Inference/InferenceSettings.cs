using Akka.Configuration;

namespace Demeter.Cluster.Inference;

/// <summary>The thread, batch and queue settings of <c>demeter.inference</c> (0 = the default for the device).</summary>
public sealed record InferenceSettings(int Lanes, int IntraOpThreads, int MaxBatch, int QueueCapacity)
{
    public static InferenceSettings From(Config config)
    {
        var c = config.GetConfig("demeter.inference") ?? ConfigurationFactory.Empty;
        var settings = new InferenceSettings(
            c.GetInt("lanes", 0), c.GetInt("intra-op-threads", 0), c.GetInt("max-batch", 0), c.GetInt("queue-capacity", 256));
        if (settings.Lanes is < 0 or > 64 || settings.IntraOpThreads is < 0 or > 256 || settings.MaxBatch is < 0 or > 64 || settings.QueueCapacity < 1)
        {
            throw new ConfigurationException($"Invalid demeter.inference settings: {settings}.");
        }

        return settings;
    }
}
