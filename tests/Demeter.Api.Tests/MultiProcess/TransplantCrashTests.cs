using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Support;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Persistence;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Tests.MultiProcess;

/// <summary>
/// The API node as its own OS process, killed (SIGKILL) while transplants are in flight, then started again on
/// the same data: every transplant ends with both effects or neither, so the plants add up to what was put in,
/// and the read model equals a replay of the journal.
/// </summary>
public sealed class TransplantCrashTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Sources = 4;
    private const int PlantsPerSource = 1000;
    private const int Transplants = 400;

    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Killing_the_node_in_the_middle_of_transplants_neither_makes_nor_loses_a_plant(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "crash");
        var claros = Enumerable.Range(700, 8).Select(i => Nursery.ClaroAt(i).Id).ToArray();
        var sources = new List<string>();
        var started = new List<Guid>();

        using (var first = await ApiProcess.StartAsync(data))
        {
            using (var imported = await first.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
            {
                await imported.JsonAsync(HttpStatusCode.OK);
            }

            for (var i = 0; i < Sources; i++)
            {
                sources.Add(await Ledger.InitAsync(first.Client, claros[i], PlantsPerSource));
            }

            // Transplants in flight from every source to every other claro; the node dies after the first answers.
            // At most 16 at a time, so that many are still waiting or in flight when the node dies, however fast it is.
            var random = new Random(3);
            var answered = 0;
            using var gate = new SemaphoreSlim(16);
            var requests = Enumerable.Range(0, Transplants).Select(async i =>
            {
                var id = Guid.NewGuid();
                lock (started)
                {
                    started.Add(id);
                }

                var to = claros[Sources + random.Next(Sources)];
                await gate.WaitAsync();
                try
                {
                    using var response = await first.Client.PostAsJsonAsync(Ledger.TransplantsUrl, new
                    {
                        movementId = id,
                        fromBatchId = sources[i % Sources],
                        toStorageLocationId = to,
                        quantity = 1 + (i % 9),
                    });
                    Interlocked.Increment(ref answered);
                }
                catch (HttpRequestException)
                {
                    // The node was killed under this request: whether it started is for the journal to say.
                }
                catch (TaskCanceledException)
                {
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (Volatile.Read(ref answered) < 5 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(5);
            }

            first.Kill();
            await Task.WhenAll(requests);
            Assert.True(answered < Transplants, "every transplant finished before the kill; the test proves nothing");
        }

        using (var second = await ApiProcess.StartAsync(data))
        {
            // Each transplant that started finishes after the restart (the region remembers it); the others never began.
            var statuses = new List<string>();
            foreach (var id in started)
            {
                var status = await Eventually.UntilAsync(
                    $"transplant {id} settled",
                    async () =>
                    {
                        using var response = await second.Client.GetAsync($"{Ledger.TransplantsUrl}/{id}");
                        return response.StatusCode == HttpStatusCode.NotFound ? "never-started" : (await response.JsonAsync(HttpStatusCode.OK)).Str("status");
                    },
                    s => s is "completed" or "compensated" or "rejected" or "never-started",
                    TimeSpan.FromSeconds(90));
                statuses.Add(status);
            }

            Assert.Contains("completed", statuses);
            output.WriteLine(string.Join(", ", statuses.GroupBy(x => x).Select(g => $"{g.Key}: {g.Count()}")));
            var total = await Eventually.UntilAsync(
                "every plant accounted for in the read model",
                async () => (await (await second.Client.GetAsync("/api/v1/stock/batches?pageSize=500")).JsonAsync(HttpStatusCode.OK))["items"]!.AsArray()
                    .Sum(b => (long)b!.Int("quantity")),
                t => t == Sources * PlantsPerSource,
                TimeSpan.FromSeconds(60));
            Assert.Equal(Sources * PlantsPerSource, total);

            // Let the projector finish with everything the restarted node wrote, then stop it.
            await Task.Delay(TimeSpan.FromSeconds(2));
            second.Kill();
        }

        // The journal is the truth: replayed with the deciders, it agrees with the read model batch by batch.
        var replayed = await ReplayAsync(data);
        Assert.Empty(replayed.Differences);
        Assert.Equal(Sources * PlantsPerSource, replayed.Total);
    }

    private static async Task<(IReadOnlyList<string> Differences, long Total)> ReplayAsync(HostData data)
    {
        var database = data.PostgresConnection is { } pg
            ? new DatabaseSettings(DatabaseProvider.PostgreSql, pg)
            : DatabaseSettings.SqliteFile(Path.Combine(data.Directory, "demeter.db"));
        var node = new NodeSettings(data.Directory, database, [NodeRoles.Api], "127.0.0.1", 0, [], null, null);
        await using var journals = await JournalActorSystem.StartAsync(node, "replay");
        var replay = new LedgerReplay(journals.System, new ReadModelDatabase(database));
        var batches = await replay.ReplayAsync();
        return (await replay.DifferencesAsync(), batches.Values.Sum(b => (long)b.State.Quantity));
    }

    /// <summary>The API host (every role) as a child process on a free port and the test's data.</summary>
    private sealed class ApiProcess : IDisposable
    {
        private readonly Process _process;

        private ApiProcess(Process process, HttpClient client)
        {
            _process = process;
            Client = client;
        }

        public HttpClient Client { get; }

        public static async Task<ApiProcess> StartAsync(HostData data)
        {
            var port = FreePort();
            var info = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var args = new List<string>
            {
                Path.Combine(AppContext.BaseDirectory, "Demeter.Api.dll"), "--urls", $"http://127.0.0.1:{port}", "--data", data.Directory,
                "--Demeter:hocon", ApiHost.TestHocon, "--Logging:LogLevel:Default", "Warning",
            };
            args.AddRange(TestLogin.Arguments);
            if (data.PostgresConnection is { } pg)
            {
                args.AddRange(["--db-provider", "postgresql", "--db-connection", pg]);
            }

            args.ForEach(info.ArgumentList.Add);
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API process.");
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
            process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
            try
            {
                await Eventually.UntilAsync(
                    "the API process is healthy",
                    async () =>
                    {
                        if (process.HasExited)
                        {
                            throw new InvalidOperationException($"The API process exited with {process.ExitCode}: {string.Join('\n', output.TakeLast(30))}");
                        }

                        try
                        {
                            using var response = await client.GetAsync("/health");
                            return response.StatusCode;
                        }
                        catch (HttpRequestException)
                        {
                            return HttpStatusCode.ServiceUnavailable;
                        }
                    },
                    s => s == HttpStatusCode.OK,
                    TimeSpan.FromSeconds(90));
                await TestLogin.AuthorizeAsync(client);
            }
            catch
            {
                client.Dispose();
                Kill(process);
                throw;
            }

            return new ApiProcess(process, client);
        }

        /// <summary>SIGKILL: no coordinated shutdown, no flush; what was not durable is gone.</summary>
        public void Kill() => Kill(_process);

        public void Dispose()
        {
            Kill(_process);
            _process.Dispose();
            Client.Dispose();
        }

        private static void Kill(Process process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
