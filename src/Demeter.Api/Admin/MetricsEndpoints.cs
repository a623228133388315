using Demeter.Api.Auth;
using Demeter.Domain.Users;
using Prometheus;

namespace Demeter.Api.Admin;

/// <summary>
/// GET /metrics in the Prometheus text format: the process and runtime, the observable .NET meters of the node (through
/// prometheus-net's meter adapter), and the photo path's counters.
/// </summary>
public static class MetricsEndpoints
{
    /// <summary>With <paramref name="anonymous"/> (Demeter:metrics:anonymous) a scraper needs no token, for a port only the monitoring
    /// network reaches; otherwise it sends an admin's bearer token.</summary>
    public static void MapMetricsEndpoints(this IEndpointRouteBuilder app, bool anonymous)
    {
        // The default metrics start with the registry: start it with the host, not with the first scrape.
        _ = Metrics.DefaultRegistry;
        var route = app.MapGet("/metrics", async (HttpContext context, CancellationToken ct) =>
            {
                context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, ct);
            })
            .WithName("Metrics").WithTags("Health").WithSummary("Prometheus metrics of this node").Produces(StatusCodes.Status200OK, contentType: "text/plain");
        if (anonymous)
        {
            route.AllowAnonymous();
        }
        else
        {
            route.RequireRole(Role.Admin);
        }
    }
}
