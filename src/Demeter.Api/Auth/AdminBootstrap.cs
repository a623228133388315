using System.Security.Cryptography;
using Demeter.Domain.Users;

namespace Demeter.Api.Auth;

/// <summary>
/// On a first start (no users yet) creates the admin from DEMETER_ADMIN_PASSWORD. Without it, a Development host
/// generates a password and prints it once; any other host refuses to start, because an admin with a known
/// default password is an open door.
/// </summary>
public sealed class AdminBootstrap(
    UserStore users, PasswordHasher hasher, AuthSettings settings, IHostEnvironment environment, ILogger<AdminBootstrap> log) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await users.EnsureSchemaAsync(cancellationToken);
        if (await users.AnyAsync(cancellationToken))
        {
            return;
        }

        var password = settings.AdminPassword;
        var generated = false;
        if (password is null)
        {
            if (!environment.IsDevelopment())
            {
                throw Refuse(
                    $"No users exist yet and {AuthSettings.AdminPasswordVariable} is not set. Set it to the password the first admin " +
                    $"('{AuthSettings.BootstrapAdmin}') gets, e.g. `{AuthSettings.AdminPasswordVariable}='a long passphrase' dotnet run --project src/Demeter.Api`; " +
                    "in Development (ASPNETCORE_ENVIRONMENT=Development) a generated one is printed instead.");
            }

            password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
            generated = true;
        }
        else if (UserRules.PasswordError(password, AuthSettings.AdminPasswordVariable) is { } error)
        {
            throw Refuse(error);
        }

        var hash = await hasher.HashAsync(password, cancellationToken);
        if (!await users.CreateAsync(AuthSettings.BootstrapAdmin, Role.Admin, hash, "bootstrap", DateTimeOffset.UtcNow, cancellationToken))
        {
            return;
        }

        if (generated)
        {
            // Printed, not logged: it must reach the person starting the node once and stay out of log files.
            Console.WriteLine(
                $"Created user '{AuthSettings.BootstrapAdmin}' with the generated password: {password}{Environment.NewLine}" +
                "It is shown only this once; log in with it and change it (POST /api/v1/auth/password).");
        }
        else
        {
            log.LogInformation("Created user '{User}' from {Variable}", AuthSettings.BootstrapAdmin, AuthSettings.AdminPasswordVariable);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Logged first, so the reason stands on its own line above the exception that stops the host.</summary>
    private StartupRefusedException Refuse(string reason)
    {
        log.LogCritical("Demeter API cannot start: {Reason}", reason);
        return new StartupRefusedException(reason);
    }
}

/// <summary>The node cannot start as configured; the message says what to change.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);
