using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Demeter.Api.Auth;
using Demeter.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Demeter.Api.Tests.Security;

/// <summary>Login, token expiry, refresh rotation and reuse, logout, user changes that lock tokens out, and the first admin.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class AuthTests
{
    [Theory]
    [InlineData(Backend.Sqlite)]
    [InlineData(Backend.PostgreSql)]
    public async Task Refresh_tokens_rotate_and_a_reused_one_revokes_its_whole_family(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "auth-rotation");
        await using var host = await ApiHost.StartAsync(data);
        using var anonymous = host.AnonymousClient();

        var first = await TestLogin.LoginAsync(anonymous);
        Assert.Equal(900, first.GetProperty("expiresIn").GetInt32());
        Assert.Equal("admin", first.GetProperty("user").GetProperty("role").GetString());
        var second = await RefreshAsync(anonymous, first.GetProperty("refreshToken").GetString()!);
        var secondTokens = await second.JsonAsync(HttpStatusCode.OK);
        Assert.NotEqual(first.GetProperty("refreshToken").GetString(), secondTokens.Str("refreshToken"));
        using (var me = await SendAsync(anonymous, HttpMethod.Get, "/api/v1/auth/me", secondTokens.Str("accessToken")))
        {
            Assert.Equal("admin", (await me.JsonAsync(HttpStatusCode.OK)).Str("username"));
        }

        // The first token again: someone else holds it. Its family is revoked, the successor with it.
        using (var reused = await RefreshAsync(anonymous, first.GetProperty("refreshToken").GetString()!))
        {
            await reused.ProblemAsync(HttpStatusCode.Unauthorized, "refresh-token-reused");
        }

        using (var successor = await RefreshAsync(anonymous, secondTokens.Str("refreshToken")))
        {
            await successor.ProblemAsync(HttpStatusCode.Unauthorized, "refresh-token-revoked");
        }

        using (var unknown = await RefreshAsync(anonymous, "no-such-token"))
        {
            await unknown.ProblemAsync(HttpStatusCode.Unauthorized, "invalid-refresh-token");
        }

        // A second login is a family of its own, and logout ends it.
        var other = await TestLogin.LoginAsync(anonymous);
        using (var logout = await SendAsync(
            anonymous, HttpMethod.Post, "/api/v1/auth/logout", other.GetProperty("accessToken").GetString()!, new { refreshToken = other.GetProperty("refreshToken").GetString() }))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        using var afterLogout = await RefreshAsync(anonymous, other.GetProperty("refreshToken").GetString()!);
        await afterLogout.ProblemAsync(HttpStatusCode.Unauthorized, "refresh-token-revoked");
        Assert.Equal(0, await host.CountAsync("SELECT COUNT(*) FROM auth_refresh_tokens WHERE token_hash = @t", new { t = other.GetProperty("refreshToken").GetString() }));
    }

    [Fact]
    public async Task Tokens_expire_and_a_wrong_signature_missing_or_garbled_token_is_refused_with_a_problem()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "auth-expiry");
        await using var host = await ApiHost.StartAsync(data);
        using var anonymous = host.AnonymousClient();
        var tokens = host.Services.GetRequiredService<AccessTokens>();
        var admin = (await host.Services.GetRequiredService<UserStore>().FindAsync("admin", default))!;

        // Signed by the node itself, but issued an hour ago with its 15-minute lifetime.
        using (var expired = await SendAsync(anonymous, HttpMethod.Get, "/api/v1/stock/batches", tokens.Issue(admin, DateTimeOffset.UtcNow.AddHours(-1))))
        {
            var problem = await expired.ProblemAsync(HttpStatusCode.Unauthorized, "token-expired");
            Assert.Contains("/api/v1/auth/refresh", problem.Str("detail"), StringComparison.Ordinal);
            Assert.Contains("invalid_token", expired.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        var forged = new AccessTokens(tokens.Settings, System.Security.Cryptography.RandomNumberGenerator.GetBytes(64)).Issue(admin, DateTimeOffset.UtcNow);
        foreach (var bad in new[] { forged, "not.a.jwt", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9." })
        {
            using var refused = await SendAsync(anonymous, HttpMethod.Get, "/api/v1/stock/batches", bad);
            await refused.ProblemAsync(HttpStatusCode.Unauthorized, "invalid-token");
        }

        using var none = await anonymous.GetAsync("/api/v1/stock/batches");
        var missing = await none.ProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Contains("/api/v1/auth/login", missing.Str("detail"), StringComparison.Ordinal);

        using var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "wrong-password" });
        await wrong.ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        using var nobody = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "nobody", password = "wrong-password" });
        await nobody.ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
    }

    [Fact]
    public async Task A_disabled_demoted_or_repassworded_user_loses_its_tokens_and_the_last_admin_stays()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "auth-changes");
        await using var host = await ApiHost.StartAsync(data);
        using var rosa = await host.ClientAsAsync("rosa", "supervisor", "rosa-first-password");
        using var anonymous = host.AnonymousClient();
        var rosaTokens = await TestLogin.LoginAsync(anonymous, "rosa", "rosa-first-password");
        Assert.Equal(HttpStatusCode.OK, (await rosa.GetAsync("/api/v1/auth/me")).StatusCode);

        using (var demoted = await host.Client.PatchAsJsonAsync("/api/v1/users/rosa", new { role = "viewer" }))
        {
            Assert.Equal("viewer", (await demoted.JsonAsync(HttpStatusCode.OK)).Str("role"));
        }

        using (var old = await rosa.GetAsync("/api/v1/auth/me"))
        {
            await old.ProblemAsync(HttpStatusCode.Unauthorized, "token-revoked");
        }

        using (var refresh = await RefreshAsync(anonymous, rosaTokens.GetProperty("refreshToken").GetString()!))
        {
            await refresh.ProblemAsync(HttpStatusCode.Unauthorized, "refresh-token-revoked");
        }

        // Her own password change: the current password is checked, and her tokens end with it.
        using var viewer = await TestLogin.AuthorizeAsync(host.AnonymousClient(), "rosa", "rosa-first-password");
        using (var wrong = await viewer.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "guess-guess", newPassword = "rosa-second-password" }))
        {
            await wrong.ProblemAsync(HttpStatusCode.Forbidden, "wrong-password");
        }

        using (var tooShort = await viewer.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "rosa-first-password", newPassword = "short" }))
        {
            await tooShort.ProblemAsync(HttpStatusCode.BadRequest, "invalid-password");
        }

        using (var changed = await viewer.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "rosa-first-password", newPassword = "rosa-second-password" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/v1/auth/me")).StatusCode);
        await TestLogin.LoginAsync(anonymous, "rosa", "rosa-second-password");

        using (var disabled = await host.Client.PatchAsJsonAsync("/api/v1/users/rosa", new { enabled = false }))
        {
            Assert.False((await disabled.JsonAsync(HttpStatusCode.OK))["enabled"]!.GetValue<bool>());
        }

        using (var locked = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "rosa", password = "rosa-second-password" }))
        {
            await locked.ProblemAsync(HttpStatusCode.Unauthorized, "invalid-credentials");
        }

        using (var lastAdmin = await host.Client.PatchAsJsonAsync("/api/v1/users/admin", new { role = "supervisor" }))
        {
            await lastAdmin.ProblemAsync(HttpStatusCode.Conflict, "last-admin");
        }

        using (var duplicate = await host.Client.PostAsJsonAsync("/api/v1/users", new { username = "rosa", password = "another-password", role = "worker" }))
        {
            await duplicate.ProblemAsync(HttpStatusCode.Conflict, "user-exists");
        }

        foreach (var (body, code) in new (object Body, string Code)[]
        {
            (new { username = "Rosa Maria", password = "long-enough-1", role = "worker" }, "invalid-username"),
            (new { username = "ro\u202Esa", password = "long-enough-1", role = "worker" }, "invalid-username"),
            (new { username = "pablo", password = "long-enough-1", role = "owner" }, "invalid-role"),
            (new { username = "pablo", password = "short", role = "worker" }, "invalid-password"),
            (new { username = "pablo", password = new string('x', 257), role = "worker" }, "invalid-password"),
        })
        {
            using var refused = await host.Client.PostAsJsonAsync("/api/v1/users", body);
            await refused.ProblemAsync(HttpStatusCode.BadRequest, code);
        }

        Assert.Equal(2, await host.CountAsync("SELECT COUNT(*) FROM auth_users"));
        Assert.DoesNotContain(
            "rosa-second-password",
            string.Join(' ', await Dapper.SqlMapper.QueryAsync<string>(
                await host.Services.GetRequiredService<Demeter.Cluster.ReadModel.ReadModelDatabase>().OpenAsync(), "SELECT password_hash FROM auth_users")),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_development_a_node_without_an_admin_password_refuses_to_start_and_the_signing_key_is_private()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "auth-bootstrap");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(data, settings: new Dictionary<string, string> { ["Demeter:admin-password"] = string.Empty }));
        Assert.Contains("DEMETER_ADMIN_PASSWORD", Flatten(refused), StringComparison.Ordinal);

        var weak = await Assert.ThrowsAnyAsync<Exception>(() => ApiHost.StartAsync(data, settings: new Dictionary<string, string> { ["Demeter:admin-password"] = "short" }));
        Assert.Contains("at least 8 characters", Flatten(weak), StringComparison.Ordinal);

        await using (var host = await ApiHost.StartAsync(data))
        {
            Assert.Equal(1, await host.CountAsync("SELECT COUNT(*) FROM auth_users WHERE role = 'admin'"));
        }

        var key = Path.Combine(data.Directory, "keys", "token-signing.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));

        // A restart keeps the key (tokens stay valid) and the admin, whatever the password setting says now.
        await using var restarted = await ApiHost.StartAsync(data, settings: new Dictionary<string, string> { ["Demeter:admin-password"] = "a-different-password" });
        Assert.Equal(HttpStatusCode.OK, (await restarted.Client.GetAsync("/api/v1/auth/me")).StatusCode);
    }

    private static string Flatten(Exception e) => e.InnerException is null ? e.Message : e.Message + " | " + Flatten(e.InnerException);

    private static Task<HttpResponseMessage> RefreshAsync(HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }
}
