using System.CommandLine;

namespace Demeter.Cli.Http;

/// <summary>Options shared by every command that talks to a running system.</summary>
public static class CommonOptions
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    public static Option<string> Server() => new("--server")
    {
        Description = "Base URL of a running Demeter API",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("DEMETER_SERVER") ?? DefaultServer,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print the result as JSON" };
}
