using System.Text.Json;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>`demeter login`, the stored tokens, their refresh, DEMETER_TOKEN, `demeter user` and `demeter logout` against a real API process.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LoginCommandTests
{
    [Fact]
    public async Task Login_keeps_private_tokens_that_refresh_and_rotate_and_logout_revokes_them()
    {
        using var dir = new TempDirectory("demeter-cli-login");
        var server = $"http://127.0.0.1:{RunningSystemCommandTests.FreePort()}";
        using var api = CliRunner.StartApi(server, dir.Combine("data"));
        var config = new Dictionary<string, string> { ["XDG_CONFIG_HOME"] = dir.Combine("config") };
        Task<CliRunner.Result> Run(params string[] args) => CliRunner.RunAsync(config, args);
        Task<CliRunner.Result> RunWith(string variable, string value, params string[] args) =>
            CliRunner.RunAsync(new Dictionary<string, string>(config) { [variable] = value }, args);
        try
        {
            await RunningSystemCommandTests.WaitHealthyAsync(server);

            var wrong = await RunWith("DEMETER_PASSWORD", "not-the-password", "login", "--server", server, "--username", "admin");
            Assert.Equal(1, wrong.ExitCode);
            Assert.Contains("401", wrong.Error, StringComparison.Ordinal);
            var noTerminal = await Run("login", "--server", server, "--username", "admin");
            Assert.Equal(1, noTerminal.ExitCode);
            Assert.Contains("DEMETER_PASSWORD", noTerminal.Error, StringComparison.Ordinal);

            var login = await RunWith("DEMETER_PASSWORD", TestLogin.AdminPassword, "login", "--server", server + "/", "--username", "admin");
            Assert.True(login.ExitCode == 0, login.Error);
            var file = Path.Combine(dir.Combine("config"), "demeter", "credentials.json");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            var first = Stored(file, server);

            var added = await RunWith("DEMETER_NEW_PASSWORD", "field-worker-pass", "user", "add", "rosa", "--role", "worker", "--server", server);
            Assert.True(added.ExitCode == 0, added.Error);
            var listed = await Run("user", "list", "--json", "--server", server);
            Assert.Contains("\"username\":\"rosa\"", listed.Output, StringComparison.Ordinal);
            Assert.Contains("\"role\":\"worker\"", listed.Output, StringComparison.Ordinal);

            // An access token about to expire is refreshed first, and the rotated pair replaces the stored one.
            File.WriteAllText(file, File.ReadAllText(file).Replace(first.GetProperty("expiresAt").GetString()!, "2020-01-01T00:00:00+00:00", StringComparison.Ordinal));
            var afterExpiry = await Run("user", "list", "--json", "--server", server);
            Assert.True(afterExpiry.ExitCode == 0, afterExpiry.Error);
            var second = Stored(file, server);
            Assert.NotEqual(first.GetProperty("refreshToken").GetString(), second.GetProperty("refreshToken").GetString());
            Assert.NotEqual(first.GetProperty("accessToken").GetString(), second.GetProperty("accessToken").GetString());

            // A worker's token in DEMETER_TOKEN is used instead of the stored admin's: user management is refused.
            using var http = new HttpClient { BaseAddress = new Uri(server) };
            var worker = await TestLogin.LoginAsync(http, "rosa", "field-worker-pass");
            var asWorker = await RunWith("DEMETER_TOKEN", worker.GetProperty("accessToken").GetString()!, "user", "list", "--server", server);
            Assert.Equal(1, asWorker.ExitCode);
            Assert.Contains("403", asWorker.Error, StringComparison.Ordinal);
            Assert.Contains("needs the role admin", asWorker.Error, StringComparison.Ordinal);

            var disabled = await Run("user", "set", "rosa", "--disable", "--server", server);
            Assert.True(disabled.ExitCode == 0, disabled.Error);
            Assert.Contains("rosa: worker, disabled", disabled.Output, StringComparison.Ordinal);

            var logout = await Run("logout", "--server", server);
            Assert.Contains("Logged out", logout.Output, StringComparison.Ordinal);
            Assert.False(JsonDocument.Parse(File.ReadAllText(file)).RootElement.EnumerateObject().Any());
            using var refreshed = await http.PostAsync(
                "/api/v1/auth/refresh",
                new StringContent(JsonSerializer.Serialize(new { refreshToken = second.GetProperty("refreshToken").GetString() }), System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refreshed.StatusCode);
            var afterLogout = await Run("user", "list", "--server", server);
            Assert.Equal(1, afterLogout.ExitCode);
            Assert.Contains("demeter login", afterLogout.Error, StringComparison.Ordinal);
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_first_start_in_development_without_a_password_prints_a_generated_one_once()
    {
        using var dir = new TempDirectory("demeter-cli-dev-admin");
        var server = $"http://127.0.0.1:{RunningSystemCommandTests.FreePort()}";
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var api = CliRunner.Start(
            "Demeter.Api.dll",
            ["--urls", server, "--data", dir.Combine("data"), "--Demeter:auth:password-work-factor", TestLogin.WorkFactor],
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["DEMETER_ADMIN_PASSWORD"] = string.Empty });
        api.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        try
        {
            await RunningSystemCommandTests.WaitHealthyAsync(server);
            var line = output.Single(l => l.Contains("generated password", StringComparison.Ordinal));
            var password = line[(line.LastIndexOf(' ') + 1)..];
            using var http = new HttpClient { BaseAddress = new Uri(server) };
            var tokens = await TestLogin.LoginAsync(http, "admin", password);
            Assert.Equal("admin", tokens.GetProperty("user").GetProperty("role").GetString());
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    private static JsonElement Stored(string file, string server) =>
        JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty(server.ToLowerInvariant()).Clone();
}
