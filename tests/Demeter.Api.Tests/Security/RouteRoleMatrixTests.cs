using System.Net;
using System.Text.Json;
using Demeter.Api.Auth;
using Demeter.Api.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Demeter.Api.Tests.Security;

/// <summary>
/// The README's role matrix, route by route: every route the host maps is listed here with who may call it
/// (a new route fails this test until it is given its place), and every route is called with no token and as each
/// role. Refused calls are 401/403 problems before the handler runs, so nothing leaks to a role that may not see it.
/// </summary>
public sealed class RouteRoleMatrixTests
{
    private const string Public = "public";
    private const string Viewer = "viewer";
    private const string Worker = "worker";
    private const string Supervisor = "supervisor";
    private const string Admin = "admin";

    private static readonly string[] RoleOrder = [Viewer, Worker, Supervisor, Admin];

    /// <summary>The catalog's resources: each is read by any role and written by admins.</summary>
    private static readonly string[] CatalogResources =
    [
        "product-categories", "product-families", "products", "product-states", "product-sizes",
        "packaging-types", "packaging-materials", "packaging-colors", "packaging", "price-list",
    ];

    /// <summary>"METHOD route" → the least role that may call it.</summary>
    private static readonly Dictionary<string, string> Matrix = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /api/v1/analytics/stock"] = Viewer,
        ["GET /api/v1/analytics/stock/history"] = Viewer,
        ["GET /api/v1/analytics/movements"] = Viewer,
        ["GET /api/v1/exports/stock.csv"] = Viewer,
        ["GET /api/v1/exports/movements.csv"] = Viewer,
        ["GET /api/v1/exports/storage-locations.geojson"] = Viewer,
        ["GET /api/v1/map/warehouses"] = Viewer,
        ["GET /api/v1/map/warehouses/{id:int}"] = Viewer,
        ["GET /api/v1/map/storage-locations/{id:int}"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}/timeline"] = Viewer,
        ["POST /api/v1/photo-sessions/deletions"] = Supervisor,
        ["POST /api/v1/price-list/changes"] = Admin,
        ["POST /api/v1/catalog/imports/products"] = Admin,
        ["POST /api/v1/catalog/imports/prices"] = Admin,
        ["GET /api/v1/audit/history/{entityType}/{id}"] = Admin,
        ["GET /api/v1/audit/stock/{id:int}"] = Admin,
        ["GET /api/v1/audit/verification"] = Admin,
        ["POST /api/v1/audit/rebuild"] = Admin,
        ["GET /health"] = Public,
        ["GET /health/live"] = Public,
        ["GET /health/ready"] = Public,
        ["GET /openapi/{documentName}.json"] = Public,
        ["GET /scalar/{documentName?}"] = Public,
        ["GET /scalar/scalar.js"] = Public,
        ["GET /scalar/scalar.aspnetcore.js"] = Public,
        ["GET /scalar/favicon.svg"] = Public,
        ["POST /api/v1/auth/login"] = Public,
        ["POST /api/v1/auth/refresh"] = Public,

        ["POST /api/v1/auth/logout"] = Viewer,
        ["GET /api/v1/auth/me"] = Viewer,
        ["POST /api/v1/auth/password"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}"] = Viewer,
        ["GET /api/v1/photo-sessions"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}/thumbnail"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}/overlay"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}/metrics"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}/detections"] = Viewer,
        ["GET /api/v1/photo-sessions/{id:guid}/events"] = Viewer,
        ["GET /api/v1/calibrations/{productId:int}"] = Viewer,
        ["GET /api/v1/stock/movements"] = Viewer,
        ["GET /api/v1/stock/batches"] = Viewer,
        ["GET /api/v1/stock/batches/{id:guid}"] = Viewer,
        ["GET /api/v1/stock/batches/{id:guid}/movements"] = Viewer,
        ["GET /api/v1/stock/transplants/{id:guid}"] = Viewer,
        ["GET /api/v1/storage-locations"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}/stock"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}/config"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}/bins"] = Viewer,
        ["GET /api/v1/storage-locations/{id:int}/counts"] = Viewer,

        ["POST /api/v1/photos"] = Worker,
        ["PATCH /api/v1/photo-sessions/{id:guid}"] = Worker,
        ["POST /api/v1/stock/movements"] = Worker,
        ["POST /api/v1/stock/transplants"] = Worker,
        ["POST /api/v1/stock/manual-init"] = Worker,

        ["POST /api/v1/photo-sessions/{id:guid}/reprocess"] = Supervisor,
        ["POST /api/v1/photo-sessions/{id:guid}/validation"] = Supervisor,
        ["POST /api/v1/stock/batches/{id:guid}/archive"] = Supervisor,
        ["POST /api/v1/stock/imports/sowing"] = Supervisor,
        ["POST /api/v1/stock/reconciliations"] = Supervisor,
        ["POST /api/v1/stock/sales-comparisons"] = Supervisor,

        ["POST /api/v1/layout/import"] = Admin,
        ["PATCH /api/v1/storage-locations/{id:int}/bins/{binId:guid}"] = Admin,
        ["POST /api/v1/storage-locations/{id:int}/bins"] = Admin,
        ["POST /api/v1/storage-locations/config/bulk"] = Admin,
        ["PUT /api/v1/storage-locations/{id:int}/config"] = Admin,
        ["GET /metrics"] = Admin,
        ["GET /api/v1/users/"] = Admin,
        ["POST /api/v1/users/"] = Admin,
        ["GET /api/v1/users/{username}"] = Admin,
        ["PATCH /api/v1/users/{username}"] = Admin,
    }
    .Concat(CatalogResources.SelectMany(resource => new[]
    {
        KeyValuePair.Create($"GET /api/v1/{resource}/", Viewer),
        KeyValuePair.Create($"GET /api/v1/{resource}/{{id:int}}", Viewer),
        KeyValuePair.Create($"POST /api/v1/{resource}/", Admin),
        KeyValuePair.Create($"PUT /api/v1/{resource}/{{id:int}}", Admin),
        KeyValuePair.Create($"DELETE /api/v1/{resource}/{{id:int}}", Admin),
    }))
    .ToDictionary(StringComparer.Ordinal);

    [Fact]
    public async Task Every_route_is_in_the_matrix_and_declares_the_role_the_matrix_gives_it()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "route-matrix-static");
        await using var host = await ApiHost.StartAsync(data);

        var routes = Routes(host);
        var unlisted = routes.Keys.Except(Matrix.Keys).Order(StringComparer.Ordinal).ToList();
        var gone = Matrix.Keys.Except(routes.Keys).Order(StringComparer.Ordinal).ToList();
        Assert.True(unlisted.Count == 0, "Routes missing from the role matrix (and the README's): " + string.Join(", ", unlisted));
        Assert.True(gone.Count == 0, "Matrix rows with no route: " + string.Join(", ", gone));
        foreach (var (route, endpoint) in routes)
        {
            var declared = endpoint.Metadata.OfType<IAllowAnonymous>().Any() ? Public
                : endpoint.Metadata.GetMetadata<MinimumRole>() is { } minimum ? Demeter.Domain.Users.Roles.Name(minimum.Role)
                : Viewer;
            Assert.True(declared == Matrix[route], $"{route} declares {declared}; the matrix says {Matrix[route]}.");
        }
    }

    [Fact]
    public async Task Every_route_answers_401_without_a_token_403_below_its_role_and_runs_from_its_role_up()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "route-matrix-calls");
        await using var host = await ApiHost.StartAsync(data);
        var clients = new Dictionary<string, HttpClient> { [Admin] = host.Client };
        foreach (var role in new[] { Viewer, Worker, Supervisor })
        {
            clients[role] = await host.ClientAsAsync($"matrix-{role}", role);
        }

        using var anonymous = host.AnonymousClient();
        var failures = new List<string>();
        var routes = Routes(host);
        foreach (var (route, least) in Matrix.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
            var url = Url(pattern);
            var multipart = routes[route].Metadata.OfType<IAcceptsMetadata>().Any(a => a.ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)));
            var status = await CallAsync(anonymous, method, url, multipart);
            if (least != Public && status.Code != HttpStatusCode.Unauthorized)
            {
                failures.Add($"{route} without a token: {status}");
            }

            foreach (var role in RoleOrder)
            {
                var allowed = least == Public || Array.IndexOf(RoleOrder, role) >= Array.IndexOf(RoleOrder, least);
                status = await CallAsync(clients[role], method, url, multipart);
                var refused = status.Code == HttpStatusCode.Unauthorized || status.Type?.EndsWith("/forbidden", StringComparison.Ordinal) == true;
                if (allowed == refused)
                {
                    failures.Add($"{route} as {role}: {status} ({(allowed ? "should run" : "should be refused")})");
                }

                if (!allowed && status.Code != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{route} as {role}: {status}, not 403");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Every refused call was refused before its handler ran: the calls above booked nothing.
        Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM stock_batches"));
        Assert.Equal(4, await host.CountAsync("SELECT COUNT(*) FROM auth_users"));
    }

    private static Dictionary<string, RouteEndpoint> Routes(ApiHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Key: $"{m} {e.RoutePattern.RawText}", Endpoint: e)))
            .Where(r => !r.Key.StartsWith("HEAD ", StringComparison.Ordinal) && !r.Key.StartsWith("OPTIONS ", StringComparison.Ordinal))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Endpoint, StringComparer.Ordinal);

    private static string Url(string pattern) => pattern
        .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{binId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{id:int}", "999999", StringComparison.Ordinal)
        .Replace("{productId:int}", "999999", StringComparison.Ordinal)
        .Replace("{username}", "nobody-here", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", "v1", StringComparison.Ordinal);

    /// <summary>
    /// Calls a route with an empty JSON object (or an empty form, where the route takes files) for a body: never a
    /// valid request, so an allowed call changes nothing.
    /// </summary>
    private static async Task<(HttpStatusCode Code, string? Type)> CallAsync(HttpClient client, string method, string url, bool multipart)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = multipart
                ? new MultipartFormDataContent { { new StringContent("nothing"), "note" } }
                : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        string? type = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            type = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token)).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
        }

        return (response.StatusCode, type);
    }
}
