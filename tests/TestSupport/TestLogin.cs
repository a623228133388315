using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Demeter.TestSupport;

/// <summary>
/// How test hosts get their first admin and how test clients sign in. The work factor is bcrypt's floor (10) so
/// the many logins of a test run stay cheap; production uses 12.
/// </summary>
public static class TestLogin
{
    public const string Admin = "admin";
    public const string AdminPassword = "test-admin-password";
    public const string WorkFactor = "10";

    /// <summary>Host settings that create the admin on a first start.</summary>
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Demeter:admin-password"] = AdminPassword,
        ["Demeter:auth:password-work-factor"] = WorkFactor,

        // Each test node's admin endpoint on a free loopback port: test hosts run side by side.
        ["Demeter:admin-url"] = "http://127.0.0.1:0",

        // Tests send hundreds of requests a second from one user and one address; RateLimitTests sets real budgets.
        ["Demeter:rate-limits:user-per-second"] = "100000",
        ["Demeter:rate-limits:user-burst"] = "100000",
        ["Demeter:rate-limits:anonymous-per-second"] = "100000",
        ["Demeter:rate-limits:anonymous-burst"] = "100000",
        ["Demeter:rate-limits:login-per-minute"] = "100000",
        ["Demeter:rate-limits:login-burst"] = "100000",
        ["Demeter:rate-limits:refresh-per-minute"] = "100000",
        ["Demeter:rate-limits:refresh-burst"] = "100000",
    };

    /// <summary>The same settings as command-line arguments of an API process.</summary>
    public static IReadOnlyList<string> Arguments { get; } = [.. Settings.SelectMany(s => new[] { $"--{s.Key}", s.Value })];

    /// <summary>Logs in and returns the whole token answer.</summary>
    public static async Task<JsonElement> LoginAsync(HttpClient client, string user = Admin, string password = AdminPassword)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { username = user, password });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login as {user} answered {(int)response.StatusCode}: {body}");
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Logs in and makes every later request of <paramref name="client"/> carry the access token.</summary>
    public static async Task<HttpClient> AuthorizeAsync(HttpClient client, string user = Admin, string password = AdminPassword)
    {
        var tokens = await LoginAsync(client, user, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }
}
