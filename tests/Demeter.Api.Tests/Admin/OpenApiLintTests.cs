using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Admin;

/// <summary>
/// The OpenAPI document passes Spectral's OpenAPI rules with no error (./build.sh test installs the pinned Spectral
/// under tools/openapi-lint), names every operation, and marks every route that needs a token with the bearer scheme.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_openapi_document_lints_clean_and_declares_the_bearer_scheme_where_a_token_is_needed()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "openapi-lint");
        await using var host = await ApiHost.StartAsync(data);
        using var anonymous = host.AnonymousClient();
        using var response = await anonymous.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var document = JsonNode.Parse(text)!;

        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!.Str("scheme"));
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Value is JsonObject).Select(o => (Route: $"{o.Key.ToUpperInvariant()} {path.Key}", Operation: o.Value!)))
            .ToList();
        Assert.All(operations, o => Assert.True(o.Operation["operationId"] is not null, $"{o.Route} has no operationId"));
        var login = operations.Single(o => o.Route == "POST /api/v1/auth/login").Operation;
        Assert.Null(login["security"]);
        var movements = operations.Single(o => o.Route == "POST /api/v1/stock/movements").Operation;
        Assert.NotNull(movements["security"]);
        Assert.NotNull(movements["responses"]!["403"]);

        var file = Path.Combine(data.Directory, "openapi.json");
        await File.WriteAllTextAsync(file, text);
        var spectral = Path.Combine(Nursery.RepositoryRoot(), "tools", "openapi-lint", "node_modules", ".bin", "spectral");
        Assert.True(File.Exists(spectral), $"{spectral} is missing: run ./build.sh test (it installs the linter with npm ci in tools/openapi-lint).");
        var info = new ProcessStartInfo(spectral)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.Combine(Nursery.RepositoryRoot(), "tools", "openapi-lint"),
        };
        foreach (var arg in new[] { "lint", file, "--ruleset", ".spectral.yaml", "--fail-severity", "error", "--format", "text" })
        {
            info.ArgumentList.Add(arg);
        }

        using var lint = Process.Start(info)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();
        Assert.True(lint.ExitCode == 0, $"Spectral found errors in the OpenAPI document:\n{await output}\n{await errors}");
    }
}
