using Akka.Actor;
using Demeter.Api.Auth;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Operations;
using Demeter.Cluster.ReadModel;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Demeter.Api.Admin;

/// <summary>
/// The node's admin endpoint: a listener of its own (<c>--admin-url</c>, loopback by default), separate from the public
/// API so that binding the API to every interface never exposes cluster control, and present on every node whatever its
/// roles. It serves the operator routes (admin role), health and metrics. It shares the node's actor system, database
/// and token validation, so a token from any API node of the cluster is accepted here. It opens once every other part
/// of the node has started (the public listener too), so its /health/ready never answers for a node still starting.
/// </summary>
public sealed class AdminEndpoint(IServiceProvider node, NodeSettings settings, IConfiguration configuration, ILogger<AdminEndpoint> log)
    : IHostedLifecycleService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>The address it listens on, with the port it was given when asked for a free one; null before it starts.</summary>
    public Uri? Address { get; private set; }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.AdminUrl);
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(node.GetRequiredService<ILoggerFactory>());
        foreach (var shared in new[]
        {
            typeof(ActorSystem), typeof(ReadModelDatabase), typeof(NodeSettings), typeof(RecentLogs), typeof(AuthSettings), typeof(AccessTokens), typeof(UserStore),
            typeof(UserTokenCheck), typeof(TimeProvider),
        })
        {
            builder.Services.AddSingleton(shared, node.GetRequiredService(shared));
        }

        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.FrameworkProblems.Customize);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddBearerAuthentication(node.GetRequiredService<AccessTokens>());
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapClusterAdminRoutes();
        app.MapShardingAdminRoutes();
        app.MapNodeAdminRoutes();
        app.MapHealthEndpoints();
        app.MapMetricsEndpoints(configuration.GetValue("Demeter:metrics:anonymous", false));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException ex)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"The admin endpoint cannot listen on {settings.AdminUrl}: {ex.Message} Give the node another one with --admin-url (or DEMETER_ADMIN_URL); port 0 takes a free one.", ex);
        }

        _app = app;
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? settings.AdminUrl;
        Address = new Uri(bound);
        log.LogInformation("Admin endpoint listening on {AdminAddress}", Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}

public static class AdminEndpointExtensions
{
    /// <summary>Adds the admin endpoint and the in-memory log it serves; after the node, so it starts once the actor system is up.</summary>
    public static IServiceCollection AddAdminEndpoint(this IServiceCollection services)
    {
        services.AddSingleton<AdminEndpoint>();
        services.AddHostedService(sp => sp.GetRequiredService<AdminEndpoint>());
        return services;
    }
}
