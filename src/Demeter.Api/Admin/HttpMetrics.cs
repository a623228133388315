using System.Diagnostics;
using Prometheus;

namespace Demeter.Api.Admin;

/// <summary>
/// Counts and times every request by method, route template and status class, for /metrics. The route is the
/// endpoint's template (/api/v1/stock/batches/{id:guid}), never the raw path, so the label set stays bounded
/// whatever clients send; a request no route matched is "unmatched".
/// </summary>
public sealed class HttpMetrics(RequestDelegate next)
{
    private static readonly Counter Requests = Metrics.CreateCounter(
        "demeter_http_requests_total", "HTTP requests answered, by method, route template and status code class.", "method", "route", "status");

    private static readonly Histogram Duration = Metrics.CreateHistogram(
        "demeter_http_request_duration_seconds",
        "Time from a request's arrival to its answer, by method and route template.",
        new HistogramConfiguration
        {
            LabelNames = ["method", "route"],
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        });

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";
            var method = context.Request.Method is "GET" or "POST" or "PUT" or "PATCH" or "DELETE" or "HEAD" or "OPTIONS" ? context.Request.Method : "other";
            Requests.WithLabels(method, route, $"{context.Response.StatusCode / 100}xx").Inc();
            Duration.WithLabels(method, route).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }
}
