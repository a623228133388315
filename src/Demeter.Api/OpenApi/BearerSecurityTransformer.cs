using Demeter.Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Demeter.Api.OpenApi;

/// <summary>
/// Declares the bearer scheme and marks every operation that needs a token with it (and with the 401 and 403
/// it may answer), so the reference UI offers a token field and a generated client sends the header.
/// </summary>
public static class BearerSecurityTransformer
{
    public const string SchemeName = "Bearer";

    public static OpenApiOptions AddBearerSecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "An access token from POST /api/v1/auth/login (or /auth/refresh).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid access token (problem details)." });
            var minimum = metadata.OfType<MinimumRole>().LastOrDefault();
            operation.Responses.TryAdd("403", new OpenApiResponse
            {
                Description = minimum is null ? "The token's role may not do this (problem details)." : $"Needs the role {Domain.Users.Roles.Name(minimum.Role)} or higher (problem details).",
            });
            return Task.CompletedTask;
        });
        return options;
    }
}
