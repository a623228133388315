using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Demeter.Api.Tests.Support;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;
using Demeter.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Demeter.Api.Tests.MultiProcess;

/// <summary>
/// The API node (roles api, domain and projector; no inference) and an inference node in a second OS process, joined
/// over loopback: every tile of the upload has to cross the process boundary to be detected (as raw pixels), and the
/// count keeps exactly the detections of the plain in-process path.
/// </summary>
public sealed class InferenceInSecondProcessTests
{
    [Fact]
    public async Task Upload_completes_through_an_inference_node_in_another_process()
    {
        using var apiData = new TempDirectory("demeter-api-node");
        using var inferenceData = new TempDirectory("demeter-inference-node");
        var port = FreePort();
        var seed = $"akka.tcp://demeter@127.0.0.1:{port}";
        await using var factory = new NodeFactory(apiData.Path, port, seed);
        var client = await Task.Run(factory.CreateClient);
        await Eventually.UntilAsync("API node healthy", async () => (await client.GetAsync("/health")).StatusCode, s => s == HttpStatusCode.OK);
        await TestLogin.AuthorizeAsync(client);
        using var admin = AdminClient(factory, client);

        using var inference = StartInferenceNode(seed, inferenceData.Path);
        try
        {
            var members = await Eventually.UntilAsync(
                "two members Up",
                () => admin.GetFromJsonAsync<JsonElement>("/admin/v1/cluster"),
                m => m.GetProperty("members").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Up") == 2,
                TimeSpan.FromSeconds(90));
            var roles = members.GetProperty("members").EnumerateArray()
                .Select(m => string.Join(",", m.GetProperty("roles").EnumerateArray().Select(r => r.GetString())))
                .Order(StringComparer.Ordinal)
                .ToArray();
            Assert.Equal(["api,domain,projector", "inference"], roles);

            using (var imported = await client.PostAsync("/api/v1/layout/import", Forms.RealLayout()))
            {
                Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            }

            var claro = Nursery.Claro(1291);
            var photo = SyntheticTrayPhoto.Generate(1600, 1200, 40, seed: 21, plantDiameterPx: 70, new GpsCoordinate(claro.Centroid.Latitude, claro.Centroid.Longitude));
            using var accepted = await client.PostAsync("/api/v1/photos", Forms.Photo(photo.Jpeg));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var sessionId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();

            var session = await Eventually.UntilAsync(
                "session finished",
                () => client.GetFromJsonAsync<JsonElement>($"/api/v1/photo-sessions/{sessionId}"),
                s => s.GetProperty("status").GetString() is "completed" or "failed",
                TimeSpan.FromSeconds(120));
            Assert.Equal("completed", session.GetProperty("status").GetString());
            Assert.Equal(1291, session.GetProperty("storageLocationId").GetInt32());
            Assert.InRange(session.GetProperty("detected").GetInt32(), 38, 42);
            Assert.False(inference.HasExited, "the inference node must still be running");
            var listed = await client.GetStringAsync($"/api/v1/photo-sessions/{sessionId}/detections?pageSize=500");
            Assert.Equal(PlainCount.Detections(photo.Jpeg), PlainCount.Listed(System.Text.Json.Nodes.JsonNode.Parse(listed)!));
        }
        finally
        {
            if (!inference.HasExited)
            {
                inference.Kill(entireProcessTree: true);
                await inference.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task A_photo_survives_its_inference_node_being_killed_mid_photo_and_completes_on_the_next_one()
    {
        using var apiData = new TempDirectory("demeter-api-node");
        using var firstData = new TempDirectory("demeter-inference-first");
        using var secondData = new TempDirectory("demeter-inference-second");
        var port = FreePort();
        var seed = $"akka.tcp://demeter@127.0.0.1:{port}";

        // One tile at a time, so the photo is still being counted when its node dies; a dead node's tiles time out fast.
        const string Patient = "\ndemeter.photos { inference-parallelism = 1, tile-timeout = 3s, tile-attempts = 12, retry-backoff = 200ms }\n";
        await using var factory = new NodeFactory(apiData.Path, port, seed, Patient);
        var client = await Task.Run(factory.CreateClient);
        await Eventually.UntilAsync("API node healthy", async () => (await client.GetAsync("/health")).StatusCode, s => s == HttpStatusCode.OK);
        await TestLogin.AuthorizeAsync(client);
        using var admin = AdminClient(factory, client);

        using var first = StartInferenceNode(seed, firstData.Path);
        Process? second = null;
        try
        {
            await Eventually.UntilAsync(
                "two members Up",
                () => admin.GetFromJsonAsync<JsonElement>("/admin/v1/cluster"),
                m => m.GetProperty("members").EnumerateArray().Count(x => x.GetProperty("status").GetString() == "Up") == 2,
                TimeSpan.FromSeconds(90));
            using (var imported = await client.PostAsync("/api/v1/layout/import", Forms.RealLayout()))
            {
                Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
            }

            var photo = SyntheticTrayPhoto.Generate(4000, 3000, 200, seed: 23, plantDiameterPx: 80);
            using var accepted = await client.PostAsync("/api/v1/photos", Forms.Photo(photo.Jpeg, ("storageLocationId", "1291")));
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            var sessionId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
            await Eventually.UntilAsync(
                "session processing",
                () => client.GetFromJsonAsync<JsonElement>($"/api/v1/photo-sessions/{sessionId}"),
                s => s.GetProperty("status").GetString() is "processing" or "completed" or "failed",
                TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));

            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            var atKill = await client.GetFromJsonAsync<JsonElement>($"/api/v1/photo-sessions/{sessionId}");
            Assert.Equal("processing", atKill.GetProperty("status").GetString());

            second = StartInferenceNode(seed, secondData.Path);
            var session = await Eventually.UntilAsync(
                "session finished",
                () => client.GetFromJsonAsync<JsonElement>($"/api/v1/photo-sessions/{sessionId}"),
                s => s.GetProperty("status").GetString() is "completed" or "failed",
                TimeSpan.FromSeconds(240));
            Assert.Equal("completed", session.GetProperty("status").GetString());
            Assert.InRange(session.GetProperty("total").GetInt32(), 190, 210);
        }
        finally
        {
            foreach (var node in new[] { first, second })
            {
                if (node is { HasExited: false })
                {
                    node.Kill(entireProcessTree: true);
                    await node.WaitForExitAsync();
                }
            }

            second?.Dispose();
        }
    }

    private static Process StartInferenceNode(string seed, string data)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Demeter.Cluster.dll"), "--roles", "inference", "--akka-port", "0", "--seed", seed, "--data", data })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the inference node.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The node's admin endpoint, with the signed-in client's token.</summary>
    private static HttpClient AdminClient(NodeFactory factory, HttpClient signedIn)
    {
        var address = factory.Services.GetRequiredService<Demeter.Api.Admin.AdminEndpoint>().Address!;
        var admin = new HttpClient { BaseAddress = address };
        admin.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return admin;
    }

    private sealed class NodeFactory(string data, int port, string seed, string extraHocon = "") : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Demeter:data", data);
            builder.UseSetting("Demeter:roles", "api,domain,projector");
            builder.UseSetting("Demeter:akka-port", port.ToString(CultureInfo.InvariantCulture));
            builder.UseSetting("Demeter:seed", seed);
            builder.UseSetting("Demeter:hocon", ApiHost.TestHocon + extraHocon);
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            foreach (var (key, value) in TestLogin.Settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
