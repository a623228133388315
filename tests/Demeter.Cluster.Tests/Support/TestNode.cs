using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Demeter.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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
    private readonly IHost _host;
    private int _stopped;

    private TestNode(TempDirectory directory, TestDatabase database, NodeSettings settings, IHost host)
    {
        _directory = directory;
        _database = database;
        _host = host;
        Settings = settings;
        System = host.Services.GetRequiredService<ActorSystem>();
        Registry = host.Services.GetRequiredService<ActorRegistry>();
        ReadModel = host.Services.GetRequiredService<ReadModelDatabase>();
        Queries = new ReadModelQueries(ReadModel);
        Blobs = host.Services.GetRequiredService<BlobStore>();
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
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddDemeterNode(
            settings, ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName)), TestHocon + "\n" + (extraHocon ?? string.Empty));
        var host = builder.Build();
        await host.StartAsync();
        var up = new TaskCompletionSource();
        Akka.Cluster.Cluster.Get(host.Services.GetRequiredService<ActorSystem>()).RegisterOnMemberUp(() => up.TrySetResult());
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new TestNode(directory, database, settings, host);
    }

    public IActorRef Get<TKey>() => Registry.Get<TKey>();

    /// <summary>Stops the actor system but keeps the directory and database, to start again on them (a restart).</summary>
    public async Task<(TempDirectory Directory, TestDatabase Database)> ShutdownKeepingDataAsync()
    {
        await StopAsync();
        return (_directory, _database);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _database.DisposeAsync();
        _directory.Dispose();
    }

    private async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        await _host.StopAsync();
        _host.Dispose();
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
