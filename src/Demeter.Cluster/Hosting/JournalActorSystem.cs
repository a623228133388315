using Akka.Actor;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Demeter.Cluster.Hosting;

/// <summary>
/// A local actor system (no cluster, no entities) on a node's journals, for tools that read or write the event streams
/// directly: replays, seeders, benchmarks. It must not run beside a live node's entities on the same streams.
/// </summary>
public sealed class JournalActorSystem : IAsyncDisposable
{
    private readonly IHost _host;

    private JournalActorSystem(IHost host)
    {
        _host = host;
        System = host.Services.GetRequiredService<ActorSystem>();
    }

    public ActorSystem System { get; }

    public static async Task<JournalActorSystem> StartAsync(NodeSettings node, string name)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddAkka(name, akka => akka
            .AddHocon(ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName)), HoconAddMode.Append)
            .AddHocon("akka.loglevel = WARNING", HoconAddMode.Prepend)
            .WithActorRefProvider(ProviderSelection.Local.Instance)
            .WithDemeterJournals(node));
        var host = builder.Build();
        await host.StartAsync();
        return new JournalActorSystem(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
