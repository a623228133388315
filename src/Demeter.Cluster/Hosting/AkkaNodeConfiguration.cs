using Akka.Cluster.Hosting;
using Akka.Configuration;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;

namespace Demeter.Cluster.Hosting;

/// <summary>
/// The node's Akka configuration on the Akka.Hosting builder: cluster.hocon underneath; remoting, clustering and the SQL
/// journals from the node's settings over it; the operator's extra HOCON over everything.
/// </summary>
public static class AkkaNodeConfiguration
{
    /// <summary>The id of sharding's own journal and snapshot store (coordinator and remembered entities), on tables of their own.</summary>
    public const string ShardingPlugin = "sharding";

    public static AkkaConfigurationBuilder WithDemeterNode(this AkkaConfigurationBuilder builder, NodeSettings node, Config file, string? extraHocon)
    {
        builder
            .AddHocon(file, HoconAddMode.Append)
            .WithRemoting(new RemoteOptions { HostName = node.AkkaHostname, Port = node.AkkaPort })
            .WithClustering(new ClusterOptions { Roles = [.. node.Roles], SeedNodes = [.. node.SeedNodes] })
            .WithDemeterJournals(node);
        if (!string.IsNullOrWhiteSpace(extraHocon))
        {
            builder.AddHocon(extraHocon, HoconAddMode.Prepend);
        }

        return builder;
    }

    /// <summary>
    /// The domain journal and snapshot store (the default plugins) and sharding's, on the node's database. Table names,
    /// tagging, event adapters and write batching are cluster.hocon's.
    /// </summary>
    public static AkkaConfigurationBuilder WithDemeterJournals(this AkkaConfigurationBuilder builder, NodeSettings node)
    {
        var db = node.Database;
        SqlJournalOptions Journal(bool isDefault, string id) =>
            new(isDefault, id) { ConnectionString = db.ConnectionString, ProviderName = db.Linq2DbProviderName, AutoInitialize = true };
        SqlSnapshotOptions Snapshots(bool isDefault, string id) =>
            new(isDefault, id) { ConnectionString = db.ConnectionString, ProviderName = db.Linq2DbProviderName, AutoInitialize = true };

        return builder
            .WithSqlPersistence(Journal(true, "sql"), Snapshots(true, "sql"))
            .WithSqlPersistence(Journal(false, ShardingPlugin), Snapshots(false, ShardingPlugin));
    }
}
