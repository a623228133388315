using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Demeter.Inference.Detectors;
using Demeter.Inference.Pipeline;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;

namespace Demeter.Bench;

/// <summary>
/// Photo-path benchmark: one 4000x3000 synthetic photo at a time through the real system (API process, blob
/// store, photo session entity, stream graph, inference role, merge, booking), compared with the ONNX Runtime time
/// it contains (summed over tiles) and with the same pipeline run in-process.
/// </summary>
internal static class PhotoBench
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var root = RepoRoot.Find();
        using var data = new TempDir();
        var port = Shared.FreePort();
        Console.WriteLine($"bench: {options.Photos} photo(s) {options.Width}x{options.Height}, {options.Plants} plants; API on :{port}, data {data.Path}");

        using var api = Shared.StartApi(port, data.Path);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            await Shared.WaitHealthyAsync(http);
            await Shared.ImportLayoutAsync(http, Path.Combine(root, "..", "shared", "data", "nursery"));

            var runs = new List<Run>();
            for (var i = 0; i <= options.Photos; i++)
            {
                var photo = SyntheticTrayPhoto.Generate(options.Width, options.Height, options.Plants, seed: 100 + i, plantDiameterPx: 80);
                var run = await RunPhotoAsync(http, photo.Jpeg);
                Console.WriteLine(
                    $"  photo {i}{(i == 0 ? " (warm-up, not counted)" : string.Empty)}: wall {run.WallMs:0} ms, pipeline {run.PipelineMs:0} ms, " +
                    $"ORT {run.OrtMs:0} ms over {run.Tiles} tiles, detected {run.Detected}/{photo.Plants.Count}");
                if (i > 0)
                {
                    runs.Add(run);
                }
            }

            // Baseline beside it: the same photos through the same detector and tiling, in this process, no cluster.
            var modelPath = BuiltInPlantDetector.EnsureModelFile(Path.Combine(data.Path, "bench-model"));
            using var detector = new YoloDetector(modelPath);
            using var segmenter = new BuiltInContainerSegmenter();
            var counter = new PhotoCounter(detector, segmenter);
            counter.Count(SyntheticTrayPhoto.Generate(options.Width, options.Height, options.Plants, seed: 100, plantDiameterPx: 80).Jpeg);
            var inProcess = new List<double>();
            for (var i = 1; i <= options.Photos; i++)
            {
                var bytes = SyntheticTrayPhoto.Generate(options.Width, options.Height, options.Plants, seed: 100 + i, plantDiameterPx: 80).Jpeg;
                var sw = Stopwatch.StartNew();
                counter.Count(bytes);
                inProcess.Add(sw.Elapsed.TotalMilliseconds);
            }

            var wall = Shared.Median(runs.Select(r => r.WallMs));
            var ort = Shared.Median(runs.Select(r => r.OrtMs));
            var local = Shared.Median(inProcess);
            Console.WriteLine();
            Console.WriteLine("| photo | tiles | photo path wall (ms) | summed ORT run (ms) | wall / ORT | in-process pipeline (ms) | wall / in-process |");
            Console.WriteLine("|---|---|---|---|---|---|---|");
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {options.Width}x{options.Height}, {options.Plants} plants | {runs[0].Tiles} | {wall:0} | {ort:0} | {wall / ort:0.00} | {local:0} | {wall / local:0.00} |"));
            Console.WriteLine($"(medians of {runs.Count} photo(s); {Environment.ProcessorCount} cores)");
            return 0;
        }
        finally
        {
            if (!api.HasExited)
            {
                api.Kill(entireProcessTree: true);
                await api.WaitForExitAsync();
            }
        }
    }

    private static async Task<Run> RunPhotoAsync(HttpClient http, byte[] jpeg)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "bench.jpg");
        form.Add(new StringContent("1291"), "storageLocationId");
        var sw = Stopwatch.StartNew();
        using var accepted = await http.PostAsync("api/v1/photos", form);
        if (accepted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Upload answered {(int)accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
        }

        var sessionId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();
        while (true)
        {
            var session = await http.GetFromJsonAsync<JsonElement>($"api/v1/photo-sessions/{sessionId}");
            var status = session.GetProperty("status").GetString();
            if (status == "completed")
            {
                var timings = session.GetProperty("timings");
                return new Run(
                    sw.Elapsed.TotalMilliseconds,
                    timings.GetProperty("pipelineMs").GetDouble(),
                    timings.GetProperty("inferenceMs").GetDouble(),
                    session.GetProperty("tiles").GetInt32(),
                    session.GetProperty("detected").GetInt32());
            }

            if (status is "failed" or "needs_location")
            {
                throw new InvalidOperationException($"Session {sessionId} ended {status}: {session}");
            }

            await Task.Delay(20);
        }
    }

    private sealed record Run(double WallMs, double PipelineMs, double OrtMs, int Tiles, int Detected);
}
