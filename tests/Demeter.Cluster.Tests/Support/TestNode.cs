using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Hosting;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Demeter.TestSupport;

namespace Demeter.Cluster.Tests.Support;

/// <summary>
/// A real in-process Demeter node (cluster of one, all roles) on a throwaway database: the same topology
/// the hosts start, so actor tests exercise sharding, persistence, the projector and the inference role.
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    /// <summary>Test-speed settings: fast projection polling, snapshots every 5 events.</summary>
    public const string TestHocon = Demeter.TestSupport.TestHocon.Fast + "demeter.snapshot-every = 5\n";

    private readonly TempDirectory _directory;
    private readonly TestDatabase _database;

    private TestNode(TempDirectory directory, TestDatabase database, NodeSettings settings, ActorSystem system)
    {
        _directory = directory;
        _database = database;
        Settings = settings;
        System = system;
        Registry = ActorRegistry.For(system);
        ReadModel = new ReadModelDatabase(settings.Database);
        Queries = new ReadModelQueries(ReadModel);
        Blobs = new BlobStore(settings.BlobDirectory);
    }

    public NodeSettings Settings { get; }

    public ActorSystem System { get; }

    public ActorRegistry Registry { get; }

    public ReadModelDatabase ReadModel { get; }

    public ReadModelQueries Queries { get; }

    public BlobStore Blobs { get; }

    public string Directory => _directory.Path;

    public static async Task<TestNode> StartAsync(string backend, string? extraHocon = null, TempDirectory? reuse = null, TestDatabase? database = null)
    {
        var directory = reuse ?? new TempDirectory("demeter-node");
        database ??= await TestDatabases.CreateAsync(backend, directory.Path, "node");
        var settings = new NodeSettings(directory.Path, database.Settings, NodeSettings.AllRoles, "127.0.0.1", 0, [], null, null);
        var config = ClusterConfig.Build(settings, ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName)), TestHocon + "\n" + (extraHocon ?? string.Empty));
        var readModel = new ReadModelDatabase(settings.Database);
        await readModel.EnsureSchemaAsync();
        ThreadPoolSizing.EnsureHeadroom();
        var system = ActorSystem.Create("demeter", config);
        DemeterTopology.Start(system, ActorRegistry.For(system), settings, new NodeServices(readModel, new BlobStore(settings.BlobDirectory)));
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new TestNode(directory, database, settings, system);
    }

    public IActorRef Get<TKey>() => Registry.Get<TKey>();

    /// <summary>Stops the actor system but keeps the directory and database, to start again on them (a restart).</summary>
    public async Task<(TempDirectory Directory, TestDatabase Database)> ShutdownKeepingDataAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        return (_directory, _database);
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value that satisfies <paramref name="done"/>.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var value = await probe();
        while (!done(value))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time; last value: {value}");
            }

            await Task.Delay(100);
            value = await probe();
        }

        return value;
    }
}
