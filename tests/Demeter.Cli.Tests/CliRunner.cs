using System.Diagnostics;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>Runs the built `demeter` CLI (and the API host) as real processes.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Task<Result> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs the CLI with extra environment variables (a config directory of its own, a password, a token).</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start("demeter.dll", args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    public static Process Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, dll));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";

        // Never the developer's own tokens or passwords: each test says what it gives the CLI.
        foreach (var variable in new[] { "DEMETER_TOKEN", "DEMETER_PASSWORD", "DEMETER_NEW_PASSWORD", "DEMETER_SERVER", "DEMETER_NODE" })
        {
            info.Environment.Remove(variable);
        }

        info.Environment["XDG_CONFIG_HOME"] = Path.Combine(Path.GetTempPath(), "demeter-cli-tests-config-none");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
    }

    /// <summary>Starts the API host as a process on <paramref name="server"/> with the test admin, quiet.</summary>
    public static Process StartApi(string server, string data, params string[] extra)
    {
        var api = Start("Demeter.Api.dll", ["--urls", server, "--data", data, .. TestLogin.Arguments, .. extra]);
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        return api;
    }

    public static string SharedNurseryData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Demeter.sln")))
            {
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "nursery"));
            }
        }

        throw new InvalidOperationException("Demeter.sln not found.");
    }
}
