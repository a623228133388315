using Demeter.Domain.Users;

namespace Demeter.Api.Auth;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>A new access token (good for <c>expiresIn</c> seconds) and the refresh token that gets the next one, once.</summary>
public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn, string TokenType, UserView User);

/// <summary>role: viewer, worker, supervisor or admin.</summary>
public sealed record CreateUserRequest(string? Username, string? Password, string? Role);

/// <summary>What to change of a user; absent fields stay as they are.</summary>
public sealed record UpdateUserRequest(string? Role, bool? Enabled, string? Password);

/// <summary>A user as the API shows it (never its password hash).</summary>
public sealed record UserView(string Username, Role Role, bool Enabled, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public static UserView Of(StoredUser user) =>
        new(user.UserName, user.Role, user.Enabled, user.CreatedAt, user.CreatedBy, user.UpdatedAt, user.UpdatedBy);
}
