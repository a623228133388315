using Akka.Configuration;
using Akka.Persistence.Sql;

namespace Demeter.Cluster.Hosting;

/// <summary>Builds the node's final Akka configuration: per-node overrides over cluster.hocon over the plugins' defaults.</summary>
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

    public static Config Build(NodeSettings node, Config? file = null, string? extraHocon = null)
    {
        file ??= LoadFile();
        var overrides = ConfigurationFactory.ParseString(Overrides(node) + (extraHocon ?? string.Empty));
        return overrides
            .WithFallback(file)
            .WithFallback(ShardingPluginDefaults())
            .WithFallback(SqlPersistence.DefaultConfiguration);
    }

    private static string Overrides(NodeSettings node)
    {
        var db = node.Database;
        var conn = Quote(db.ConnectionString);
        var provider = Quote(db.Linq2DbProviderName);

        // SQLite takes one writer at a time; more journal writers only contend for the file lock.
        var parallelism = db.Provider == DatabaseProvider.Sqlite ? "parallelism = 1" : string.Empty;
        var plugin = $"connection-string = {conn}\nprovider-name = {provider}\n";
        var seeds = string.Join(", ", node.SeedNodes.Select(Quote));
        var roles = string.Join(", ", node.Roles.Select(Quote));
        var tiles = (node.TileSizePx is { } size ? $"demeter.photos.tile-size-px = {size}\n" : string.Empty)
            + (node.TileOverlap is { } overlap ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"demeter.photos.tile-overlap = {overlap:R}\n") : string.Empty);
        return tiles + $$"""
            akka.remote.dot-netty.tcp.hostname = {{Quote(node.AkkaHostname)}}
            akka.remote.dot-netty.tcp.port = {{node.AkkaPort}}
            akka.cluster.roles = [{{roles}}]
            akka.cluster.seed-nodes = [{{seeds}}]
            akka.persistence.journal.sql { {{plugin}} {{parallelism}} }
            akka.persistence.journal.sharding { {{plugin}} {{parallelism}} }
            akka.persistence.snapshot-store.sql { {{plugin}} }
            akka.persistence.snapshot-store.sharding { {{plugin}} }
            akka.persistence.query.journal.sql { {{plugin}} }

            """;
    }

    /// <summary>The SQL journal's and snapshot store's defaults, re-rooted under sharding's own plugin ids.</summary>
    private static Config ShardingPluginDefaults()
    {
        var defaults = SqlPersistence.DefaultConfiguration;
        var journal = defaults.GetConfig("akka.persistence.journal.sql");
        var snapshots = defaults.GetConfig("akka.persistence.snapshot-store.sql");
        return ConfigurationFactory.ParseString(
            $"akka.persistence.journal.sharding {journal.Root}\nakka.persistence.snapshot-store.sharding {snapshots.Root}");
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
