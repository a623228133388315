using System.Security.Claims;
using Demeter.Domain.Users;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Demeter.Api.Auth;

/// <summary>
/// Short-lived access tokens: JWTs signed with HMAC-SHA256 that name the user (<c>sub</c>), its role and the
/// user's token version (<c>ver</c>), which a change to the user moves on so older tokens stop working.
/// </summary>
public sealed class AccessTokens(AuthSettings settings, byte[] key)
{
    public const string RoleClaim = "role";
    public const string VersionClaim = "ver";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly SymmetricSecurityKey _key = new(key) { KeyId = "demeter-1" };

    public AuthSettings Settings => settings;

    public string Issue(StoredUser user, DateTimeOffset now) => _handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = AuthSettings.Issuer,
        Audience = AuthSettings.Audience,
        IssuedAt = now.UtcDateTime,
        NotBefore = now.UtcDateTime,
        Expires = (now + settings.AccessTokenLifetime).UtcDateTime,
        Subject = new ClaimsIdentity(
        [
            new Claim(JwtRegisteredClaimNames.Sub, user.UserName),
            new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new Claim(RoleClaim, user.Role.Name()),
            new Claim(VersionClaim, user.TokenVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), ClaimValueTypes.Integer64),
        ]),
        SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
    });

    public TokenValidationParameters ValidationParameters() => new()
    {
        ValidIssuer = AuthSettings.Issuer,
        ValidAudience = AuthSettings.Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = JwtRegisteredClaimNames.Sub,
        RoleClaimType = RoleClaim,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
    };
}
