using Akka.Configuration;

namespace Demeter.Cluster.Hosting;

/// <summary>The node's settings file, cluster.hocon, with the operator's extra HOCON (Demeter:hocon) over it.</summary>
public static class ClusterConfig
{
    public const string FileName = "cluster.hocon";

    /// <summary>cluster.hocon from the working directory (a checkout) or next to the binaries (a publish).</summary>
    public static Config LoadFile(string? path = null)
    {
        var candidates = path is not null
            ? [path]
            : new[] { Path.Combine(Directory.GetCurrentDirectory(), FileName), Path.Combine(AppContext.BaseDirectory, FileName) };
        var found = candidates.FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException($"{FileName} not found (looked in {string.Join(", ", candidates)}).");
        return ConfigurationFactory.ParseString(File.ReadAllText(found));
    }

    /// <summary>
    /// What the node's own settings (demeter.*) are read from. The Akka configuration the actor system runs on is this,
    /// with what differs per node (address, roles, seeds, database) set by the builders in <see cref="AkkaNodeConfiguration"/>.
    /// </summary>
    public static Config Build(Config? file = null, string? extraHocon = null)
    {
        file ??= LoadFile();
        return string.IsNullOrWhiteSpace(extraHocon) ? file : ConfigurationFactory.ParseString(extraHocon).WithFallback(file);
    }
}
