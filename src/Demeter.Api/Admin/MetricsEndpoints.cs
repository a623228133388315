using Prometheus;

namespace Demeter.Api.Admin;

/// <summary>
/// GET /metrics in the Prometheus text format: the process and runtime, the observable .NET meters of the node (through
/// prometheus-net's meter adapter), and the photo path's counters.
/// </summary>
public static class MetricsEndpoints
{
    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app)
    {
        // The default metrics start with the registry: start it with the host, not with the first scrape.
        _ = Metrics.DefaultRegistry;
        app.MapGet("/metrics", async (HttpContext context, CancellationToken ct) =>
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, ct);
            })
            .WithName("Metrics").WithTags("Health").WithSummary("Prometheus metrics of this node").Produces(StatusCodes.Status200OK, contentType: "text/plain");
    }
}
