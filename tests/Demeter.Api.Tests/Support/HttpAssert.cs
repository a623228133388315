using System.Net;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace Demeter.Api.Tests.Support;

/// <summary>Status, content type and body checks that print the body when they fail.</summary>
public static class HttpAssert
{
    public const string ProblemTypeBase = "https://demeter.dev/problems/";

    /// <summary>Asserts the status and a JSON body, and returns the body.</summary>
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(body) ?? throw new InvalidOperationException("The body is JSON null.");
    }

    /// <summary>
    /// Asserts an RFC 9457 problem: the status, application/problem+json, and type/title/status/detail, with
    /// the type https://demeter.dev/problems/{code} when a code is given. Returns the problem.
    /// </summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.True(
            response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"Expected application/problem+json, got '{response.Content.Headers.ContentType}': {body}");
        var problem = JsonNode.Parse(body) ?? throw new InvalidOperationException("The problem is JSON null.");
        Assert.Equal((int)status, problem["status"]?.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()), $"The problem has no title: {body}");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()), $"The problem has no detail: {body}");
        var type = problem["type"]?.GetValue<string>();
        if (code is not null)
        {
            Assert.Equal(ProblemTypeBase + code, type);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(type), $"The problem has no type: {body}");
        }

        return problem;
    }

    /// <summary><see cref="ProblemAsync(HttpResponseMessage, HttpStatusCode, string?)"/> that names the case in its failure message.</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? code, string because)
    {
        try
        {
            return await response.ProblemAsync(status, code);
        }
        catch (XunitException ex)
        {
            throw new XunitException($"{because}: {ex.Message}");
        }
    }

    /// <summary>Polls GET <paramref name="url"/> until it answers 200 with a body that satisfies <paramref name="done"/>.</summary>
    public static async Task<JsonNode> EventuallyGetAsync(this HttpClient client, string url, Func<JsonNode, bool> done, TimeSpan? timeout = null)
    {
        var last = await Eventually.UntilAsync(
            $"GET {url} returns 200 with the expected body",
            async () =>
            {
                using var response = await client.GetAsync(url);
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            r => r.StatusCode == HttpStatusCode.OK && done(JsonNode.Parse(r.Body)!),
            timeout);
        return JsonNode.Parse(last.Body)!;
    }

    public static int Int(this JsonNode node, string name) =>
        node[name]?.GetValue<int>() ?? throw new InvalidOperationException($"No '{name}' in {node.ToJsonString()}");

    public static string Str(this JsonNode node, string name) =>
        node[name]?.GetValue<string>() ?? throw new InvalidOperationException($"No '{name}' in {node.ToJsonString()}");
}
