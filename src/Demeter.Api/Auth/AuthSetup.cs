using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Domain.Users;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Demeter.Api.Auth;

/// <summary>Bearer authentication, the role policies, and problem bodies for 401 and 403.</summary>
public static class AuthSetup
{
    public static IServiceCollection AddDemeterAuth(this IServiceCollection services, IConfiguration configuration, NodeSettings node)
    {
        var settings = AuthSettings.From(configuration, node.DataDirectory, Environment.GetEnvironmentVariable);
        var tokens = new AccessTokens(settings, SigningKey.Load(settings));
        services.AddSingleton(settings);
        services.AddSingleton(tokens);
        services.AddSingleton(new PasswordHasher(settings.PasswordWorkFactor));
        services.AddSingleton<UserStore>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UserTokenCheck>();

        // After the node's own hosted services: the database exists when the first admin is written.
        services.AddHostedService<AdminBootstrap>();
        return services.AddBearerAuthentication(tokens);
    }

    /// <summary>
    /// Bearer authentication with Demeter's access tokens and the role policies; a token's user is checked against the
    /// users table through the <see cref="UserTokenCheck"/> the container holds (the node's admin endpoint shares it).
    /// </summary>
    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services, AccessTokens tokens)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = tokens.ValidationParameters();
            o.Events = new JwtBearerEvents
            {
                OnTokenValidated = async context =>
                {
                    var principal = context.Principal!;
                    var user = principal.FindFirst(JwtRegisteredClaimNames.Sub)?.Value;
                    var version = long.TryParse(principal.FindFirst(AccessTokens.VersionClaim)?.Value, out var v) ? v : -1;
                    var check = context.HttpContext.RequestServices.GetRequiredService<UserTokenCheck>();
                    if (user is null || !await check.IsCurrentAsync(user, version, context.HttpContext.RequestAborted))
                    {
                        context.Fail(new TokenRevokedException());
                    }
                },
                OnChallenge = async context =>
                {
                    context.HandleResponse();
                    var (code, detail) = context.AuthenticateFailure switch
                    {
                        null => ("unauthorized", "This route needs a bearer token: POST /api/v1/auth/login, then send 'Authorization: Bearer <accessToken>'."),
                        SecurityTokenExpiredException expired =>
                            ("token-expired", $"The access token expired at {expired.Expires:O}; get a new one with POST /api/v1/auth/refresh."),
                        TokenRevokedException revoked => ("token-revoked", revoked.Message),
                        _ => ("invalid-token", "The bearer token is not a valid Demeter access token (its signature, issuer, audience, lifetime or format); log in again."),
                    };
                    context.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
                    await Problem.Create(StatusCodes.Status401Unauthorized, code, "Authentication is required.", detail).ExecuteAsync(context.HttpContext);
                },
                OnForbidden = async context =>
                {
                    var needed = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MinimumRole>()?.Role;
                    var role = context.HttpContext.User.Role();
                    var detail = needed is { } minimum
                        ? $"{context.Request.Method} {context.Request.Path} needs the role {minimum.Name()} or higher; you are {role.Name()}."
                        : $"Your role ({role.Name()}) may not {context.Request.Method} {context.Request.Path}.";
                    await Problem.Forbidden("forbidden", detail).ExecuteAsync(context.HttpContext);
                },
            };
        });

        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build());
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(RoleRequirements.PolicyName(role), p => p
                .AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireRole([.. Roles.AtLeast(role).Select(r => r.Name())]));
        }

        return services;
    }
}

/// <summary>A well-signed token whose user changed (role, password), was disabled or removed after it was issued.</summary>
public sealed class TokenRevokedException() : Exception("The token's user was changed, disabled or removed after the token was issued; log in again.");
