namespace Demeter.Api.Security;

/// <summary>
/// The origins whose browser pages may call this API (CORS), from <c>Demeter:allowed-origins</c> or
/// <c>DEMETER_ALLOWED_ORIGINS</c> (comma-separated, e.g. <c>https://office.example</c>); none by default.
/// </summary>
public sealed record BrowserPolicy(IReadOnlyList<string> AllowedOrigins)
{
    public const string CorsPolicyName = "configured-origins";

    public static BrowserPolicy From(IConfiguration configuration)
    {
        var text = configuration["Demeter:allowed-origins"] ?? Environment.GetEnvironmentVariable("DEMETER_ALLOWED_ORIGINS") ?? string.Empty;
        var origins = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(o => o.TrimEnd('/'))
            .ToList();
        foreach (var origin in origins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/")
            {
                throw new InvalidOperationException($"Allowed origin '{origin}' is not a scheme://host[:port] origin.");
            }
        }

        return new BrowserPolicy(origins);
    }

    /// <summary>Whether a request with this <c>Origin</c> comes from the API's own address or a configured origin.</summary>
    public bool Allows(string origin, HttpRequest request) =>
        string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
        || AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
}
