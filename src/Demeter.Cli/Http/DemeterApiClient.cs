using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Demeter.Cli.Http;

/// <summary>Talks to a running Demeter API; failures surface as <see cref="CliException"/> with the server's problem detail.</summary>
public sealed class DemeterApiClient(string server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(server.TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(5) };

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
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
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

    private async Task<JsonElement> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
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

    private static CliException Failure(HttpResponseMessage response, string body)
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
