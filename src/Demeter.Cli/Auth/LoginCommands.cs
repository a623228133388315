using System.CommandLine;
using Demeter.Cli.Http;
using Spectre.Console;

namespace Demeter.Cli.Auth;

/// <summary>`demeter login` and `demeter logout`: tokens for a server, kept in the user's configuration directory.</summary>
public static class LoginCommands
{
    public const string PasswordVariable = "DEMETER_PASSWORD";

    public static IEnumerable<Command> Create()
    {
        var server = CommonOptions.Server();
        var username = new Option<string>("--username") { Description = "The user to log in as", Required = true };
        var login = new Command("login", $"Log in to a server and keep its tokens (the password is asked for, or read from {PasswordVariable})") { server, username };
        login.SetAction(async (parse, ct) =>
        {
            var password = Secret(PasswordVariable, "Password");
            using var client = new DemeterApiClient(parse.GetValue(server)!);
            var role = await client.LoginAsync(parse.GetValue(username)!, password, ct);
            Console.WriteLine($"Logged in to {parse.GetValue(server)} as {parse.GetValue(username)} ({role}); tokens kept in {CredentialStore.Default().File}");
            return 0;
        });

        var logoutServer = CommonOptions.Server();
        var logout = new Command("logout", "Revoke this server's stored tokens and forget them") { logoutServer };
        logout.SetAction(async (parse, ct) =>
        {
            using var client = new DemeterApiClient(parse.GetValue(logoutServer)!);
            Console.WriteLine(await client.LogoutAsync(ct) ? $"Logged out of {parse.GetValue(logoutServer)}." : $"Not logged in to {parse.GetValue(logoutServer)}.");
            return 0;
        });
        return [login, logout];
    }

    /// <summary>A secret from the environment, else typed at a prompt that does not echo it.</summary>
    public static string Secret(string variable, string prompt)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            throw new CliException($"No terminal to ask for the {prompt.ToLowerInvariant()}: set {variable}.");
        }

        return AnsiConsole.Prompt(new TextPrompt<string>($"{prompt}:").Secret());
    }
}
