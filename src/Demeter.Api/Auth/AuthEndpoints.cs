using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Domain.Users;

namespace Demeter.Api.Auth;

/// <summary>Login, refresh, logout, who-am-I and a user's own password: /api/v1/auth/*.</summary>
public static class AuthEndpoints
{
    /// <summary>A login body never needs more: a name, a password and JSON around them.</summary>
    internal const long MaxBodyBytes = 4 * 1024;

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/login", LoginAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Security.RateLimits.LoginPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("Login")
            .WithSummary("Trade a user name and password for an access token and a refresh token")
            .Accepts<LoginRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        // Anonymous because the access token has usually expired by then: the refresh token is the credential.
        auth.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .RequireRateLimiting(Security.RateLimits.RefreshPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("RefreshToken")
            .WithSummary("Trade a refresh token (once) for a new access token and its successor; a reused one revokes its whole family")
            .Accepts<RefreshRequest>("application/json")
            .Produces<TokenResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/logout", LogoutAsync)
            .WithName("Logout")
            .WithSummary("Revoke a refresh token and every token refreshed from it")
            .Accepts<LogoutRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest);
        auth.MapGet("/me", MeAsync)
            .WithName("GetCurrentUser")
            .WithSummary("The signed-in user")
            .Produces<UserView>();
        auth.MapPost("/password", ChangePasswordAsync)
            .WithName("ChangeOwnPassword")
            .WithSummary("Change your password; every token you hold stops working, so log in again")
            .Accepts<ChangePasswordRequest>("application/json")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> LoginAsync(HttpRequest request, UserStore users, PasswordHasher hasher, AccessTokens tokens, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<LoginRequest>(request, ct, MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        if (string.IsNullOrEmpty(body!.Username) || string.IsNullOrEmpty(body.Password))
        {
            return Problem.BadRequest("username and password are required.");
        }

        if (body.Password.Length > UserRules.MaxPasswordLength || body.Username.Length > UserRules.MaxUserNameLength)
        {
            return InvalidCredentials();
        }

        var user = await users.FindAsync(body.Username, ct);
        var matches = await hasher.VerifyAsync(body.Password, user?.PasswordHash, ct);
        if (!matches || user is not { Enabled: true })
        {
            return InvalidCredentials();
        }

        var now = DateTimeOffset.UtcNow;
        var refresh = await users.IssueRefreshTokenAsync(user, UserStore.NewFamilyId(), tokens.Settings.RefreshTokenLifetime, now, ct);
        return Results.Ok(Tokens(user, refresh, tokens, now));
    }

    private static async Task<IResult> RefreshAsync(HttpRequest request, UserStore users, AccessTokens tokens, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<RefreshRequest>(request, ct, MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        if (string.IsNullOrEmpty(body!.RefreshToken))
        {
            return Problem.BadRequest("refreshToken is required.");
        }

        var now = DateTimeOffset.UtcNow;
        var result = await users.RefreshAsync(body.RefreshToken, tokens.Settings.RefreshTokenLifetime, now, ct);
        return result.Outcome switch
        {
            RefreshOutcome.Rotate => Results.Ok(Tokens(result.User!, result.RefreshToken!, tokens, now)),
            RefreshOutcome.Reused => Unauthorized(
                "refresh-token-reused", "This refresh token was used before, so it and every token refreshed from it are revoked; log in again."),
            RefreshOutcome.Expired => Unauthorized("refresh-token-expired", "The refresh token expired; log in again."),
            RefreshOutcome.Revoked => Unauthorized("refresh-token-revoked", "The refresh token was revoked (a logout, a reuse, or a change to the user); log in again."),
            _ => Unauthorized("invalid-refresh-token", "No such refresh token; log in again."),
        };
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, UserStore users, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<LogoutRequest>(http.Request, ct, MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        if (string.IsNullOrEmpty(body!.RefreshToken))
        {
            return Problem.BadRequest("refreshToken is required.");
        }

        if (!UserStore.IsWellFormed(body.RefreshToken))
        {
            return Problem.BadRequest("invalid-refresh-token", "refreshToken is not a refresh token (43 base64url characters, as login and refresh hand them out).");
        }

        // Someone else's or an unknown token: nothing to revoke, and no hint of whose it is.
        await users.RevokeFamilyAsync(body.RefreshToken, http.User.UserName(), DateTimeOffset.UtcNow, ct);
        return Results.NoContent();
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserStore users, CancellationToken ct) =>
        await users.FindAsync(http.User.UserName(), ct) is { } user ? Results.Ok(UserView.Of(user)) : Problem.NotFound("You no longer exist as a user.");

    private static async Task<IResult> ChangePasswordAsync(
        HttpContext http, UserStore users, PasswordHasher hasher, UserTokenCheck check, CancellationToken ct)
    {
        var (body, malformed) = await JsonBody.ReadAsync<ChangePasswordRequest>(http.Request, ct, MaxBodyBytes);
        if (malformed is not null)
        {
            return malformed;
        }

        if (UserRules.PasswordError(body!.NewPassword, "newPassword") is { } error)
        {
            return Problem.BadRequest("invalid-password", error);
        }

        var name = http.User.UserName();
        var current = await users.FindAsync(name, ct);
        if (body.CurrentPassword is not { Length: > 0 and <= UserRules.MaxPasswordLength } password || !await hasher.VerifyAsync(password, current?.PasswordHash, ct))
        {
            return Problem.Forbidden("wrong-password", "currentPassword is not your password.");
        }

        var hash = await hasher.HashAsync(body.NewPassword!, ct);
        var change = await users.ChangeAsync(name, (user, _) => new UserChangeDecision(user.Role, user.Enabled, hash, null), name, DateTimeOffset.UtcNow, ct);
        check.Forget(name);
        return change.User is null ? Problem.NotFound("You no longer exist as a user.") : Results.NoContent();
    }

    private static TokenResponse Tokens(StoredUser user, string refresh, AccessTokens tokens, DateTimeOffset now) => new(
        tokens.Issue(user, now), refresh, (int)tokens.Settings.AccessTokenLifetime.TotalSeconds, "Bearer", UserView.Of(user));

    private static IResult InvalidCredentials() => Unauthorized("invalid-credentials", "The user name or the password is wrong, or the user is disabled.");

    private static IResult Unauthorized(string code, string detail) =>
        Problem.Create(StatusCodes.Status401Unauthorized, code, "Authentication failed.", detail);
}
