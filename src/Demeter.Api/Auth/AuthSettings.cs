namespace Demeter.Api.Auth;

/// <summary>
/// How tokens and passwords are made, from configuration (<c>Demeter:auth:*</c>) and the environment. Secrets
/// (the bootstrap admin's password, the signing key) come only from the environment or the data directory.
/// </summary>
public sealed record AuthSettings(
    TimeSpan AccessTokenLifetime,
    TimeSpan RefreshTokenLifetime,
    int PasswordWorkFactor,
    string? AdminPassword,
    string? SigningKey,
    string SigningKeyFile,
    TimeSpan UserCheckInterval)
{
    public const string Issuer = "demeter";
    public const string Audience = "demeter-api";
    public const string BootstrapAdmin = "admin";
    public const string AdminPasswordVariable = "DEMETER_ADMIN_PASSWORD";
    public const string SigningKeyVariable = "DEMETER_TOKEN_SIGNING_KEY";

    /// <summary>OWASP's floor for bcrypt; a lower factor would make a stolen hash cheap to crack.</summary>
    public const int MinWorkFactor = 10;

    public static AuthSettings From(IConfiguration configuration, string dataDirectory, Func<string, string?> environment)
    {
        var section = configuration.GetSection("Demeter:auth");
        var accessMinutes = Positive(section, "access-token-minutes", 15);
        var refreshDays = Positive(section, "refresh-token-days", 30);
        var workFactor = Positive(section, "password-work-factor", 12);
        if (workFactor is < MinWorkFactor or > 16)
        {
            throw new InvalidOperationException($"Demeter:auth:password-work-factor is {workFactor}; use {MinWorkFactor}-16 (each step doubles the cost of a login).");
        }

        return new AuthSettings(
            TimeSpan.FromMinutes(accessMinutes),
            TimeSpan.FromDays(refreshDays),
            workFactor,
            NonEmpty(environment(AdminPasswordVariable)) ?? NonEmpty(configuration["Demeter:admin-password"]),
            NonEmpty(environment(SigningKeyVariable)),
            Path.Combine(dataDirectory, "keys", "token-signing.key"),
            TimeSpan.FromSeconds(Positive(section, "user-check-seconds", 5)));
    }

    private static int Positive(IConfiguration section, string key, int fallback)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new InvalidOperationException($"Demeter:auth:{key} is '{text}'; it must be a positive integer.");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
