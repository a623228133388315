using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Demeter.TestSupport;

namespace Demeter.Cli.Tests;

/// <summary>
/// Node processes (Demeter.Api.dll with --roles) on 127.0.0.1 sharing one PostgreSQL database and one data directory
/// (blobs, signing key), the first one the seed. Each keeps its recent output for a failing test's message.
/// </summary>
public sealed class LoopbackCluster(string data, string postgres) : IAsyncDisposable
{
    private readonly List<Node> _nodes = [];

    public int SeedPort { get; } = FreePort();

    public string SeedAddress => $"akka.tcp://demeter@127.0.0.1:{SeedPort}";

    /// <summary>
    /// Starts a node with the roles and, unless told not to wait, waits until its admin endpoint says it is ready (Up,
    /// database answering). It joins <c>seed</c> (the first node by default, which is its own seed); with <c>api</c> it
    /// also serves the public API on a free port.
    /// </summary>
    public async Task<Node> StartAsync(string name, string roles, string? seed = null, bool api = false, bool waitReady = true)
    {
        var akkaPort = _nodes.Count == 0 ? SeedPort : FreePort();
        var node = new Node(name, akkaPort, $"http://127.0.0.1:{FreePort()}", api ? $"http://127.0.0.1:{FreePort()}" : null);
        var args = new List<string>
        {
            "--roles", roles, "--akka-port", akkaPort.ToString(CultureInfo.InvariantCulture), "--seed", seed ?? SeedAddress,
            "--admin-url", node.AdminUrl, "--data", data, "--db-provider", "postgresql", "--db-connection", postgres,
            "--Demeter:hocon", TestHocon.Fast, "--Logging:LogLevel:Default", "Warning",
        };
        if (node.ApiUrl is { } url)
        {
            args.AddRange(["--urls", url]);
        }

        // The test admin and budgets; --admin-url above wins over the free port these ask for.
        args.AddRange(TestLogin.Arguments);
        node.Arguments = args;
        node.Launch();
        _nodes.Add(node);
        if (waitReady)
        {
            await node.WaitReadyAsync();
        }

        return node;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.KillAsync();
        }
    }

    /// <summary>
    /// A free loopback port below Linux's ephemeral range (32768 and up), so that no process of the test run that binds
    /// port 0 (a test host, a node's remoting) can take it between this check and the node's own bind.
    /// </summary>
    public static int FreePort()
    {
        while (true)
        {
            var port = Random.Shared.Next(12000, 20000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
    }

    public sealed class Node(string name, int akkaPort, string adminUrl, string? apiUrl)
    {
        private readonly ConcurrentQueue<string> _output = new();

        public string Name { get; } = name;

        public string Address { get; } = $"akka.tcp://demeter@127.0.0.1:{akkaPort}";

        public string AdminUrl { get; } = adminUrl;

        public string? ApiUrl { get; } = apiUrl;

        public Process Process { get; private set; } = null!;

        public IReadOnlyList<string> Arguments { get; set; } = [];

        /// <summary>Starts (or, after a kill, starts again) the node's process with the same arguments: same ports, same address.</summary>
        public void Launch()
        {
            Process = CliRunner.Start("Demeter.Api.dll", Arguments);
            Process.OutputDataReceived += (_, e) => Remember(e.Data);
            Process.ErrorDataReceived += (_, e) => Remember(e.Data);
            Process.BeginOutputReadLine();
            Process.BeginErrorReadLine();
        }

        /// <summary>The node's last lines of output, for a failure message.</summary>
        public string Output => string.Join('\n', _output);

        public void Remember(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200 && _output.TryDequeue(out _))
            {
            }
        }

        public async Task WaitReadyAsync()
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(120))
            {
                if (Process.HasExited)
                {
                    throw new InvalidOperationException($"Node {Name} exited with {Process.ExitCode}:\n{Output}");
                }

                try
                {
                    using var ready = await http.GetAsync($"{AdminUrl}/health/ready");
                    if (ready.IsSuccessStatusCode)
                    {
                        Remember($"[test] {AdminUrl}/health/ready answered {(int)ready.StatusCode} after {watch.ElapsedMilliseconds} ms: {await ready.Content.ReadAsStringAsync()}");
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }

                await Task.Delay(250);
            }

            throw new TimeoutException($"Node {Name} was not ready within 120 s:\n{Output}");
        }

        /// <summary>SIGKILL: the node gets no chance to leave.</summary>
        public async Task KillAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
        }

        /// <summary>Waits for the process to end by itself (after it left the cluster).</summary>
        public async Task<bool> ExitsWithinAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                await Process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }
}
