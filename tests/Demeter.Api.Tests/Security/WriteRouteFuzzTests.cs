using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Security;

/// <summary>
/// Every write route the host maps (found in its OpenAPI document, so a new route is covered without a line here)
/// gets malformed JSON, JSON of the wrong shape, each field with the wrong type, huge and negative numbers,
/// unknown ids, a body of the wrong content type, a broken multipart body and an oversized body. Each answers
/// 4xx with a problem that says what was wrong, and the journal, the users, the tokens and the blob store are
/// exactly as before.
/// </summary>
public sealed class WriteRouteFuzzTests
{
    private const long OversizedBytes = 2 * 1024 * 1024;

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Every_write_route_answers_hostile_input_with_a_4xx_problem_and_persists_nothing(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "fuzz");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var batch = await Ledger.InitAsync(client, Nursery.ClaroAt(5).Id, 50);
        using var anonymous = host.AnonymousClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("/openapi/v1.json"))!;
        var before = await PersistedAsync(host, data);

        var failures = new List<string>();
        var sent = 0;
        foreach (var (method, path, operation) in WriteOperations(document))
        {
            foreach (var url in Urls(path, batch))
            {
                foreach (var (what, content) in Bodies(document, operation))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = content };
                    using var response = await client.SendAsync(request);
                    sent++;
                    var body = await response.Content.ReadAsStringAsync();
                    var status = (int)response.StatusCode;
                    var auth = path.StartsWith("/api/v1/auth/", StringComparison.Ordinal);
                    var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonNode.Parse(body) : null;
                    if (status is < 400 or > 499 || (!auth && status is 401 or 403) || problem?["detail"]?.GetValue<string>() is not { Length: > 0 })
                    {
                        failures.Add($"{method} {url} with {what}: {status} {body[..Math.Min(200, body.Length)]}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} hostile requests were not a 4xx problem:\n" + string.Join("\n", failures.Take(40)));
        Assert.True(sent > 500, $"only {sent} requests were sent");
        Assert.Equal(before, await PersistedAsync(host, data));
    }

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> WriteOperations(JsonNode document) =>
        document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject()
                .Where(o => o.Key is "post" or "put" or "patch" or "delete")
                .Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!)));

    /// <summary>The route with unknown ids, and with ids of the wrong form, in its parameters.</summary>
    private static IEnumerable<string> Urls(string path, string batch)
    {
        if (!path.Contains('{', StringComparison.Ordinal))
        {
            return [path];
        }

        string With(string guid, string number, string name) => System.Text.RegularExpressions.Regex.Replace(
            path,
            "\\{([^}]+)\\}",
            m => m.Groups[1].Value switch
            {
                "username" => name,
                var p when p.EndsWith("Id", StringComparison.Ordinal) && p != "productId" && p != "id" => guid,
                _ when path.StartsWith("/api/v1/stock/batches", StringComparison.Ordinal) || path.Contains("photo-sessions", StringComparison.Ordinal) || path.Contains("/bins/", StringComparison.Ordinal) && m.Groups[1].Value == "binId" => guid,
                _ => number,
            });
        return [With(Guid.NewGuid().ToString(), "999999", "nobody-here"), With("not-a-guid", "-7", "NO SUCH USER"), With(batch, "0", "x")];
    }

    private static IEnumerable<(string What, HttpContent Content)> Bodies(JsonNode document, JsonNode operation)
    {
        var contentTypes = operation["requestBody"]?["content"]?.AsObject().Select(c => c.Key).ToList() ?? [];
        var multipart = contentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal));
        yield return ("malformed JSON", Json("{\"movementId\": "));
        yield return ("JSON null", Json("null"));
        yield return ("a JSON string", Json("\"just text\""));
        yield return ("a JSON number", Json("-1e400"));
        yield return ("an empty object", Json("{}"));
        yield return ("deep nesting", Json(new string('[', 5000) + new string(']', 5000)));
        yield return ("text/plain", new StringContent("quantity=5", Encoding.UTF8, "text/plain"));
        yield return ("an oversized body", Json("{\"reason\":\"" + new string('x', (int)OversizedBytes) + "\"}"));
        yield return ("an empty multipart form", new MultipartFormDataContent());
        var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nno end"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=abc");
        yield return ("a broken multipart body", broken);

        var schema = Resolve(document, operation["requestBody"]?["content"]?["application/json"]?["schema"]);
        if (multipart || schema?["properties"] is not JsonObject properties)
        {
            yield break;
        }

        foreach (var (name, property) in properties.Select(p => (p.Key, Resolve(document, p.Value))))
        {
            var type = Type(property);
            JsonNode?[] wrong = type switch
            {
                "integer" or "number" => ["many", true, new JsonArray(), 1e300, -2147483649L, 9.5, -1],
                "string" => [12345, false, new JsonObject(), new string('x', 20_000), "\u0000\u001b[31m\u202E"],
                "boolean" => ["yes", 1],
                "array" => ["a list", 7, new JsonArray(Enumerable.Range(0, 10_001).Select(i => (JsonNode?)i).ToArray())],
                _ => ["x", 1],
            };
            foreach (var value in wrong)
            {
                yield return ($"{name} = {Describe(value)}", Json(new JsonObject { [name] = value?.DeepClone() }.ToJsonString()));
            }

            if (name.EndsWith("Id", StringComparison.Ordinal) || name.EndsWith("Ids", StringComparison.Ordinal))
            {
                JsonNode unknown = type == "array" ? new JsonArray(Guid.NewGuid().ToString()) : type == "integer" ? 2147483647 : Guid.NewGuid().ToString();
                yield return ($"unknown {name}", Json(new JsonObject { [name] = unknown }.ToJsonString()));
            }
        }
    }

    private static string Describe(JsonNode? value)
    {
        var text = value?.ToJsonString() ?? "null";
        return text.Length > 30 ? text[..30] + "…" : text;
    }

    private static string? Type(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = document["components"]!["schemas"]![reference.Split('/')[^1]];
        }

        return schema;
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    private static async Task<(long Journal, long Users, long Tokens, long Catalog, int Blobs)> PersistedAsync(ApiHost host, HostData data)
    {
        // Let the entities' retry timers and the projector settle, so only the hostile requests could change anything.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var blobs = Path.Combine(data.Directory, "blobs");
        return (
            await host.CountAsync("SELECT COUNT(*) FROM journal"),
            await host.CountAsync("SELECT COUNT(*) FROM auth_users"),
            await host.CountAsync("SELECT COUNT(*) FROM auth_refresh_tokens"),
            await host.CountAsync("SELECT COUNT(*) FROM catalog_items"),
            Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs, "*", SearchOption.AllDirectories).Count() : 0);
    }
}
