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
            // Inference only by default: a worker node needs the blob store the API writes to (shared storage).
            var roles = CommandLineFlags.Parse(args).ContainsKey("roles") || Environment.GetEnvironmentVariable("DEMETER_ROLES") is { Length: > 0 }
                ? null
                : new[] { NodeRoles.Inference };
            node = NodeSettings.Resolve(args, Environment.GetEnvironmentVariable, defaultRoles: roles);
        }
        catch (Exception ex) when (ex is ArgumentException or FileNotFoundException or Akka.Configuration.ConfigurationException)
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
