using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Demeter.Cli.Auth;

namespace Demeter.Cli.Http;

/// <summary>Talks to a running Demeter API; failures surface as <see cref="CliException"/> with the server's problem detail.</summary>
/// <remarks>Each request carries a bearer token: DEMETER_TOKEN if set, else the one `demeter login` stored for the server,
/// refreshed (and the rotated pair stored) when it is about to expire. A node's admin endpoint is not where one logs in:
/// for it, <c>loginServer</c> names the API whose stored login (and refresh) the requests use.</remarks>
public sealed class DemeterApiClient(string server, CredentialStore? store = null, string? loginServer = null) : IDisposable
{
    public const string TokenVariable = "DEMETER_TOKEN";

    private static readonly TimeSpan RefreshMargin = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };
    private readonly CredentialStore _store = store ?? CredentialStore.Default();
    private readonly string _login = loginServer ?? server;

    /// <summary>Logs in and stores the tokens for this server; returns the user's role.</summary>
    public async Task<string> LoginAsync(string username, string password, CancellationToken ct)
    {
        var tokens = await SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/login") { Content = JsonContent.Create(new { username, password }) }, ct, anonymous: true);
        _store.Save(server, Credentials(username, tokens));
        return tokens.GetProperty("user").GetProperty("role").GetString() ?? "?";
    }

    /// <summary>Revokes the stored refresh token on the server and forgets this server's tokens; false when none were stored.</summary>
    public async Task<bool> LogoutAsync(CancellationToken ct)
    {
        if (_store.Find(server) is not { } stored)
        {
            return false;
        }

        try
        {
            await PostJsonAsync("api/v1/auth/logout", new { refreshToken = stored.RefreshToken }, ct);
        }
        catch (CliException)
        {
            // Expired or revoked already: forgetting it locally is all that is left to do.
        }

        return _store.Remove(server);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), ct);

    public async Task<JsonElement> PostFilesAsync(string path, IReadOnlyDictionary<string, string> files, IReadOnlyDictionary<string, string>? fields, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        foreach (var (field, file) in files)
        {
            var content = new ByteArrayContent(await File.ReadAllBytesAsync(file, ct));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, field, Path.GetFileName(file));
        }

        foreach (var (name, value) in fields ?? new Dictionary<string, string>())
        {
            form.Add(new StringContent(value), name);
        }

        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = form }, ct);
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body, CancellationToken ct) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) }, ct);

    public async Task<JsonElement> PatchJsonAsync(string path, object body, CancellationToken ct) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) }, ct);

    public async Task<JsonElement> PutJsonAsync(string path, object body, CancellationToken ct) =>
        await SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) }, ct);

    /// <summary>Posts a file and reads the answer as JSON lines as they come (progress, then a result); each line goes to <paramref name="onLine"/>.</summary>
    public async Task PostFileStreamingAsync(string path, string field, string file, Action<JsonElement> onLine, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        var content = new ByteArrayContent(await File.ReadAllBytesAsync(file, ct));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, field, Path.GetFileName(file));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = form };
        await StreamLinesAsync(request, onLine, ct);
    }

    /// <summary>Reads a GET answer of JSON lines as they come, until the server ends it or <paramref name="ct"/> is cancelled.</summary>
    public async Task FollowLinesAsync(string path, Action<JsonElement> onLine, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        await StreamLinesAsync(request, onLine, ct);
    }

    private async Task StreamLinesAsync(HttpRequestMessage request, Action<JsonElement> onLine, CancellationToken ct)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        await AuthorizeAsync(request, ct);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the Demeter API at {_http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, await response.Content.ReadAsStringAsync(ct));
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length > 0)
                {
                    onLine(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
        }
    }

    /// <summary>Follows a server-sent event stream, handing each event's JSON data to <paramref name="onEvent"/> until the server ends it.</summary>
    public async Task FollowEventsAsync(string path, Action<JsonElement> onEvent, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        await AuthorizeAsync(request, ct);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the Demeter API at {_http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, await response.Content.ReadAsStringAsync(ct));
            }

            await foreach (var item in System.Net.ServerSentEvents.SseParser.Create(await response.Content.ReadAsStreamAsync(ct)).EnumerateAsync(ct))
            {
                onEvent(JsonDocument.Parse(item.Data).RootElement.Clone());
            }
        }
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct, bool anonymous = false)
    {
        if (!anonymous)
        {
            await AuthorizeAsync(request, ct);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Cannot reach the Demeter API at {_http.BaseAddress}: {ex.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(response, body);
            }

            try
            {
                return body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;
            }
            catch (JsonException ex)
            {
                throw new CliException($"The server answered {(int)response.StatusCode} with a body that is not JSON: {ex.Message}");
            }
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : await StoredTokenAsync(ct);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    private async Task<string?> StoredTokenAsync(CancellationToken ct)
    {
        if (_store.Find(_login) is not { } stored)
        {
            return null;
        }

        if (stored.ExpiresAt - RefreshMargin > DateTimeOffset.UtcNow)
        {
            return stored.AccessToken;
        }

        JsonElement tokens;
        try
        {
            var refresh = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/refresh") { Content = JsonContent.Create(new { refreshToken = stored.RefreshToken }) };
            if (_login != server)
            {
                using var login = new DemeterApiClient(_login, _store);
                tokens = await login.SendAsync(refresh, ct, anonymous: true);
            }
            else
            {
                tokens = await SendAsync(refresh, ct, anonymous: true);
            }
        }
        catch (CliException ex) when (ex.Message.StartsWith("401", StringComparison.Ordinal))
        {
            _store.Remove(_login);
            throw new CliException($"Your login on {_login} has ended ({ex.Message}); run `demeter login --server {_login} --username {stored.Username}` again.");
        }

        var renewed = Credentials(stored.Username, tokens);
        _store.Save(_login, renewed);
        return renewed.AccessToken;
    }

    private static StoredCredentials Credentials(string username, JsonElement tokens) => new(
        username,
        tokens.GetProperty("accessToken").GetString()!,
        tokens.GetProperty("refreshToken").GetString()!,
        DateTimeOffset.UtcNow.AddSeconds(tokens.GetProperty("expiresIn").GetInt32()));

    private CliException Failure(HttpResponseMessage response, string body)
    {
        var failure = Problem(response, body);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || response.RequestMessage?.RequestUri?.AbsolutePath.Contains("/auth/", StringComparison.Ordinal) == true)
        {
            return failure;
        }

        var hint = Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 }
            ? $"the token in {TokenVariable} is not accepted"
            : $"log in with `demeter login --server {_login} --username <name>`";
        return new CliException($"{failure.Message}\n  ({hint})");
    }

    private static CliException Problem(HttpResponseMessage response, string body)
    {
        JsonElement json = default;
        try
        {
            json = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;
        }
        catch (JsonException)
        {
        }

        var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : body;
        var errors = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
            ? "\n  " + string.Join("\n  ", e.EnumerateArray().Select(x => x.ToString()))
            : string.Empty;
        var available = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("available", out var a) ? $" (available: {a})" : string.Empty;
        return new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}{available}{errors}");
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An error meant for the operator: printed without a stack trace, exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
