using System.Security.Claims;
using Demeter.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Demeter.Api.Auth;

/// <summary>
/// Who may call a route. A route names the least role it needs; every role above may call it too. A route
/// that names none needs a signed-in user of any role (the fallback policy), and public routes say so with
/// AllowAnonymous.
/// </summary>
public static class RoleRequirements
{
    public static string PolicyName(Role minimum) => "role-" + minimum.Name();

    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role minimum)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(PolicyName(minimum)).WithMetadata(new MinimumRole(minimum));

    /// <summary>The signed-in user's name, as movements and sessions record who did them.</summary>
    public static string UserName(this ClaimsPrincipal user) =>
        user.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? throw new InvalidOperationException("The request has no signed-in user.");

    public static Role Role(this ClaimsPrincipal user) =>
        Roles.TryParse(user.FindFirstValue(AccessTokens.RoleClaim), out var role) ? role : Domain.Users.Role.Viewer;
}

/// <summary>The least role a route needs, kept on the endpoint so a 403 can say which.</summary>
public sealed record MinimumRole(Role Role);
