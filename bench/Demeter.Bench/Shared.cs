using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Demeter.Bench;

/// <summary>What the benchmarks share: the API as a child process, the layout import, and statistics.</summary>
internal static class Shared
{
    /// <summary>The API host (every role) as its own process on <paramref name="port"/>; extra arguments go to its settings.</summary>
    public static Process StartApi(int port, string data, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment = { ["Logging__LogLevel__Default"] = "Warning", ["DEMETER_ADMIN_PASSWORD"] = AdminPassword },
        };
        // BENCH_<NAME>=value reaches the API process as <NAME>=value, for runtime experiments
        // (e.g. BENCH_DOTNET_TieredPGO=0) without touching the harness; settings go in DEMETER_BENCH_HOCON.
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            if (variable.Key is string name && name.StartsWith("BENCH_", StringComparison.Ordinal) && variable.Value is string value)
            {
                info.Environment[name["BENCH_".Length..]] = value;
            }
        }

        // One user drives the whole load: its request budget is lifted, or the benchmark would measure the rate limiter.
        string[] unlimited = ["--Demeter:rate-limits:user-per-second", "100000000", "--Demeter:rate-limits:user-burst", "100000000"];
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Demeter.Api.dll"), "--urls", $"http://127.0.0.1:{port}", "--data", data, "--admin-url", "http://127.0.0.1:0" }.Concat(unlimited).Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        var api = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API.");
        api.OutputDataReceived += (_, _) => { };
        api.ErrorDataReceived += (_, _) => { };
        api.BeginOutputReadLine();
        api.BeginErrorReadLine();
        return api;
    }

    public static async Task StopAsync(Process api)
    {
        if (!api.HasExited)
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    /// <summary>The first admin of each benchmark's fresh database; the harness logs in as it.</summary>
    public const string AdminPassword = "bench-admin-password";

    /// <summary>Waits until the API is Up, then signs <paramref name="http"/> in as the admin for every later request.</summary>
    public static async Task WaitHealthyAsync(HttpClient http)
    {
        await WaitUpAsync(http);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await LoginAsync(http));
    }

    /// <summary>A fresh access token of the admin.</summary>
    public static async Task<string> LoginAsync(HttpClient http)
    {
        using var login = await http.PostAsync(
            "api/v1/auth/login",
            new StringContent(System.Text.Json.JsonSerializer.Serialize(new { username = "admin", password = AdminPassword }), System.Text.Encoding.UTF8, "application/json"));
        var body = await login.Content.ReadAsStringAsync();
        if (!login.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Login as admin answered {(int)login.StatusCode}: {body}");
        }

        return System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString()!;
    }

    private static async Task WaitUpAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The API did not become healthy within 2 minutes.");
    }

    public static async Task ImportLayoutAsync(HttpClient http, string folder, bool waitForProjection = true)
    {
        using var form = new MultipartFormDataContent();
        foreach (var name in new[] { "naves", "canteros", "claros" })
        {
            form.Add(new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(folder, name + ".geojson"))), name, name + ".geojson");
        }

        using var response = await http.PostAsync("api/v1/layout/import", form);
        response.EnsureSuccessStatusCode();
        if (!waitForProjection)
        {
            return;
        }

        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await http.GetAsync("api/v1/storage-locations/1291")).StatusCode != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The layout was not projected within a minute.");
            }

            await Task.Delay(100);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    /// <summary>The nearest-rank percentile (0 &lt; p ≤ 1) of the values.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static string F(double value, string format = "0") => value.ToString(format, CultureInfo.InvariantCulture);
}

/// <summary>Command-line options: which benchmarks, and their sizes.</summary>
internal sealed record BenchOptions(
    IReadOnlyList<string> Benchmarks, int Photos, int Width, int Height, int Plants, int Seconds, int Warmup, int Clients, int Batches, int RecoveryEvents, int MergeBoxes, int Images = 60, int Seed = 1000,
    string? WriteScenes = null, int Movements = 200)
{
    public static readonly string[] All = ["ledger", "recovery", "photos", "merge", "accuracy", "lag"];

    /// <summary>The whole number after <paramref name="name"/> in <paramref name="args"/>, else <paramref name="fallback"/>.</summary>
    public static int IntArg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    public static BenchOptions Parse(string[] args)
    {
        int Get(string name, int fallback) => IntArg(args, name, fallback);

        string? GetText(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var chosen = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        // "reads" and "node" seed a whole nursery first (minutes): run only when named.
        foreach (var name in chosen.Where(n => !All.Contains(n) && n is not ("reads" or "node")))
        {
            throw new ArgumentException($"Unknown benchmark '{name}': choose from {string.Join(", ", All)}, reads, node.");
        }

        return new BenchOptions(
            chosen.Count == 0 ? All : chosen, Get("--photos", 3), Get("--width", 4000), Get("--height", 3000), Get("--plants", 300),
            Get("--seconds", 15), Get("--warmup", 40), Get("--clients", 32), Get("--batches", 20), Get("--events", 10_000), Get("--boxes", 5000),
            Get("--images", 60), Get("--seed", 1000), GetText("--write-scenes"), Get("--movements", 200));
    }
}

internal static class RepoRoot
{
    public static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Demeter.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("demeter-bench-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the stopping API process: the OS temp cleaner gets it.
        }
    }
}
