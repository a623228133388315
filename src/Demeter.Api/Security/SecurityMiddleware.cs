using Demeter.Api.Problems;

namespace Demeter.Api.Security;

/// <summary>
/// What every response carries and what every write must pass before an endpoint sees it. Headers: no content-type
/// sniffing, no framing, no referrer, and a content policy that lets an API response run nothing (the API reference UI
/// under /scalar loads its script, so it gets one that allows it). Writes: a request that says it comes from a browser
/// page of another origin (<c>Origin</c>, or <c>Sec-Fetch-Site: cross-site</c>) is refused with 403 unless that origin is
/// configured, because a plain HTML form can post to any address and CORS only hides the answer, not the effect.
/// </summary>
public sealed class SecurityMiddleware(RequestDelegate next, BrowserPolicy policy)
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string ReferenceUiPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; " +
        "font-src 'self' data: https://fonts.gstatic.com https://cdn.jsdelivr.net; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    public async Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ReferenceUiPolicy : ApiPolicy;

        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && CrossSite(context.Request) is { } origin)
        {
            await Problem.Forbidden(
                    "cross-origin-refused",
                    $"A write from a page of {origin} is refused: that origin is not allowed (Demeter:allowed-origins / DEMETER_ALLOWED_ORIGINS).")
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private string? CrossSite(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            // "null" is what a sandboxed page or a file sends: never an allowed origin.
            return policy.Allows(origin, request) ? null : origin;
        }

        return string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase) ? "another site" : null;
    }
}
