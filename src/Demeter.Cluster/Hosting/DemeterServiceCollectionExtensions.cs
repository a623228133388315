using Akka.Configuration;
using Akka.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Cluster.ReadModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Demeter.Cluster.Hosting;

public static class DemeterServiceCollectionExtensions
{
    /// <summary>Adds a Demeter node (actor system, roles, read-model database, blob store) to a host.</summary>
    public static IServiceCollection AddDemeterNode(this IServiceCollection services, NodeSettings node, Config? hocon = null, string? extraHocon = null)
    {
        var file = hocon ?? ClusterConfig.LoadFile();
        var config = ClusterConfig.Build(file, extraHocon);
        ThreadPoolSizing.EnsureHeadroom(config);
        var readModel = new ReadModelDatabase(node.Database);
        var blobs = new BlobStore(node.BlobDirectory);
        var photoSettings = PhotoProcessingSettings.For(config, node);

        services.AddSingleton(node);
        services.AddRecentLogs();
        services.AddTracing(node);

        // Scopes carry the trace and span of the work a line was logged in, for every provider that shows scopes.
        services.Configure<LoggerFactoryOptions>(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        services.AddSingleton(readModel);
        services.AddSingleton(blobs);
        services.AddSingleton(photoSettings);
        services.AddSingleton(NurserySettings.From(config));
        services.AddSingleton(new ReadModelQueries(readModel));
        services.AddSingleton(new CatalogQueries(readModel));
        services.AddSingleton(new MapQueries(readModel));
        services.AddSingleton(new AnalyticsQueries(readModel));
        services.AddSingleton(new ExportQueries(readModel));
        services.AddSingleton(sp => new ProjectionWatermark(
            readModel,
            config.GetString("akka.persistence.journal.sql.default.journal.table-name", "journal"),
            config.GetTimeSpan("demeter.projection.read-wait", TimeSpan.FromSeconds(5)),
            sp.GetRequiredService<ILogger<ProjectionWatermark>>()));

        // Registered before Akka so the schema (and SQLite's WAL mode) exists before the projector starts.
        services.AddHostedService(_ => new DatabaseInitializer(node, readModel));
        services.AddAkka("demeter", builder =>
        {
            builder.WithDemeterNode(node, file, extraHocon);

            // Akka's log goes through the host's loggers (console, and the in-memory log the admin endpoint serves).
            builder.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = Akka.Event.Logging.LogLevelFor(config.GetString("akka.loglevel", "INFO"));
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
            builder.WithDemeterTopology(node, new NodeServices(readModel, blobs, photoSettings), config);
        });
        return services;
    }

    /// <summary>
    /// The node's spans (<see cref="Operations.Tracing"/>), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT names a
    /// collector (the standard OTEL_* variables configure the rest); without one they still give every log line of a
    /// photo's work its trace id.
    /// </summary>
    private static void AddTracing(this IServiceCollection services, NodeSettings node)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("demeter", serviceInstanceId: $"{node.AkkaHostname}:{node.AkkaPort}")
                .AddAttributes([new("demeter.roles", string.Join(",", node.Roles))]))
            .WithTracing(t =>
            {
                t.AddSource(Operations.Tracing.SourceName);
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
                {
                    t.AddOtlpExporter();
                }
            });
    }

    /// <summary>
    /// Keeps the node's recent log lines in memory for the admin endpoint: Information and above, without ASP.NET Core's
    /// per-request lines, whatever the console shows.
    /// </summary>
    private static void AddRecentLogs(this IServiceCollection services)
    {
        services.AddSingleton<Operations.RecentLogs>();
        services.AddSingleton<ILoggerProvider>(sp => sp.GetRequiredService<Operations.RecentLogs>());
        services.Configure<LoggerFilterOptions>(o =>
        {
            var provider = typeof(Operations.RecentLogs).FullName;
            o.Rules.Add(new LoggerFilterRule(provider, null, LogLevel.Information, null));
            o.Rules.Add(new LoggerFilterRule(provider, "Microsoft.AspNetCore", LogLevel.Warning, null));
            o.Rules.Add(new LoggerFilterRule(provider, "Microsoft.AspNetCore.DataProtection", LogLevel.Error, null));
        });
    }

    private sealed class DatabaseInitializer(NodeSettings node, ReadModelDatabase readModel) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            Directory.CreateDirectory(node.DataDirectory);
            await readModel.EnsureSchemaAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
