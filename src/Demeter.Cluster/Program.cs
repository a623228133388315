using Demeter.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Demeter.Cluster;

/// <summary>
/// The node host without HTTP: `dotnet Demeter.Cluster.dll --roles inference --seed akka.tcp://demeter@host:4053`.
/// Same settings and precedence as the API host (cluster.hocon &lt; DEMETER_* &lt; flags).
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        NodeSettings node;
        try
        {
            node = NodeSettings.Resolve(args, Environment.GetEnvironmentVariable, defaultRoles: [NodeRoles.Worker, NodeRoles.Inference]);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"demeter node: {ex.Message}");
            return 2;
        }

        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddDemeterNode(node);
        using var host = builder.Build();
        await host.RunAsync();
        return 0;
    }
}
