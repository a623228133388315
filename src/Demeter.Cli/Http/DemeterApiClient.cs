using System.Net.Http.Headers;
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
            var json = body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : default;
            if (!response.IsSuccessStatusCode)
            {
                var detail = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("detail", out var d) ? d.GetString() : body;
                var errors = json.ValueKind == JsonValueKind.Object && json.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                    ? "\n  " + string.Join("\n  ", e.EnumerateArray().Select(x => x.ToString()))
                    : string.Empty;
                throw new CliException($"{(int)response.StatusCode} {response.ReasonPhrase}: {detail}{errors}");
            }

            return json;
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>An error meant for the operator: printed without a stack trace, exit code 1.</summary>
public sealed class CliException(string message) : Exception(message);
