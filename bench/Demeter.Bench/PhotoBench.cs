using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Synthetic;

namespace Demeter.Bench;

/// <summary>
/// Photo-path benchmark on 4000x3000 photos, against a floor measured beside it in the same run:
/// <list type="bullet">
/// <item>P1: upload → completed through the running system (API process, blob store, photo session, stream graph,
/// inference worker, counting, booking), one photo at a time; wall ÷ floor, where floor = tiles × the model's
/// one-thread Run time ÷ cores. For the built-in detector also wall ÷ the summed Run time the session reports.</item>
/// <item>P2: <c>demeter photo count</c> on the same photo and model, the whole process; wall ÷ the same floor.</item>
/// <item>Throughput: photos per minute with several photos in flight, and the API process's peak RSS per photo in flight.</item>
/// </list>
/// <c>--model m.onnx</c> runs a user's export (640 px tiles overlapping 0.2 unless told); <c>--devices cuda:0,cpu</c>
/// measures each device in turn and prints their ratio (bench/gpu-check.sh).
/// </summary>
internal static class PhotoBench
{
    private static readonly int Cores = Environment.ProcessorCount;

    public static async Task<int> RunAsync(BenchOptions options, string[] args)
    {
        var settings = PhotoBenchSettings.Parse(args, options);
        var root = RepoRoot.Find();
        using var data = new TempDir();
        var modelPath = settings.Model is null ? BuiltInPlantDetector.EnsureModelFile(Path.Combine(data.Path, "bench-model")) : Path.GetFullPath(settings.Model);
        var photos = Enumerable.Range(0, options.Photos + 1)
            .Select(i => SyntheticTrayPhoto.Generate(options.Width, options.Height, options.Plants, seed: 100 + i, plantDiameterPx: 80).Jpeg)
            .ToList();
        var photoPath = Path.Combine(data.Path, "photo.jpg");
        await File.WriteAllBytesAsync(photoPath, photos[1]);
        Console.WriteLine(
            $"bench: {options.Photos} photo(s) {options.Width}x{options.Height}, model {Path.GetFileName(modelPath)}, tiles {settings.TileSize} px / {settings.TileOverlap}, " +
            $"{Environment.ProcessorCount} cores, devices {string.Join(", ", settings.Devices)}");

        var results = new List<DeviceResult>();
        foreach (var device in settings.Devices)
        {
            results.Add(await MeasureDeviceAsync(device, modelPath, photos, photoPath, settings, root, Path.Combine(data.Path, device.Replace(':', '-'))));
        }

        Console.WriteLine();
        Console.WriteLine("| device | tiles | one-thread Run (ms) | floor (ms) | P1 upload→completed (ms) | P1 ÷ floor | P1 CPU ÷ cores ÷ floor | summed Run (ms) | P1 ÷ summed Run | " +
            $"P2 photo count (ms) | P2 ÷ floor | P2 CPU ÷ cores ÷ floor | photos/min, {settings.InFlight} in flight | peak RSS per photo in flight (MB) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {r.Device} | {r.Tiles} | {r.OneThreadRunMs:0.0} | {r.FloorMs:0} | {r.P1Ms:0} | {r.P1Ms / r.FloorMs:0.00} | {r.P1CpuMs / Cores / r.FloorMs:0.00} | {r.SummedRunMs:0} | " +
                $"{r.P1Ms / r.SummedRunMs:0.00} | {r.P2Ms:0} | {r.P2Ms / r.FloorMs:0.00} | {r.P2CpuMs / Cores / r.FloorMs:0.00} | {r.PhotosPerMinute:0.0} | {r.PeakRssPerPhotoMb:0} |"));
        }

        Console.WriteLine($"(medians of {options.Photos} photo(s) after {settings.WarmupPhotos} warm-up photo(s) and one warm-up process; floor = tiles × one-thread Run ÷ {Cores} cores, measured in this run)");
        Console.WriteLine("(CPU ÷ cores ÷ floor: the CPU time the photo took in the API process, or the whole photo count process, spread over every core; no scheduling gets the wall ratio below it on this machine)");
        if (results.Count == 2)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{results[1].Device} ÷ {results[0].Device}: P1 {results[1].P1Ms / results[0].P1Ms:0.00}, P2 {results[1].P2Ms / results[0].P2Ms:0.00}, " +
                $"photos/min {results[0].PhotosPerMinute / results[1].PhotosPerMinute:0.00}"));
        }

        return 0;
    }

    private static async Task<DeviceResult> MeasureDeviceAsync(
        string device, string modelPath, IReadOnlyList<byte[]> photos, string photoPath, PhotoBenchSettings settings, string root, string data)
    {
        var tile = settings.TileSize;
        var oneThread = OneThreadRunMs(modelPath, device, photos[0], tile);
        Console.WriteLine($"[{device}] one-thread Run of a {tile} px tile: {oneThread:0.0} ms (median of 20)");

        string[] node =
        [
            "--device", device, "--tile-size", tile.ToString(CultureInfo.InvariantCulture), "--tile-overlap", settings.TileOverlap.ToString(CultureInfo.InvariantCulture),
            "--Demeter:hocon", $"demeter.photos.max-concurrent-photos = {settings.InFlight}",
            .. settings.Model is null ? Array.Empty<string>() : ["--model", modelPath],
        ];
        var port = Shared.FreePort();
        using var api = Shared.StartApi(port, data, node);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
            await Shared.WaitHealthyAsync(http);
            await Shared.ImportLayoutAsync(http, Path.Combine(root, "..", "shared", "data", "nursery"));

            // A node counts photos for hours: the first few run before the JIT has optimized the per-pixel loops, and are
            // left out (--warmup-photos).
            var runs = new List<Run>();
            for (var i = 0; i < settings.WarmupPhotos + photos.Count - 1; i++)
            {
                var warmUp = i < settings.WarmupPhotos;
                var cpuBefore = CpuTime.OfProcess(api.Id);
                var run = await RunPhotoAsync(http, photos[warmUp ? 0 : i - settings.WarmupPhotos + 1]);
                run = run with { CpuMs = (CpuTime.OfProcess(api.Id) - cpuBefore).TotalMilliseconds };
                Console.WriteLine(
                    $"[{device}] P1 photo {i}{(warmUp ? " (warm-up)" : string.Empty)}: wall {run.WallMs:0} ms, pipeline {run.PipelineMs:0} ms, summed Run {run.OrtMs:0} ms " +
                    $"over {run.Tiles} tiles, CPU {run.CpuMs:0} ms, counted {run.Total}");
                if (!warmUp)
                {
                    runs.Add(run);
                }

                // One photo at a time: the next goes once the node has projected this one and is idle again (photos
                // sent back to back are the throughput run below).
                await Task.Delay(TimeSpan.FromSeconds(1.5));
            }

            var (perMinute, rssPerPhoto) = await ThroughputAsync(http, api, photos, settings.InFlight, settings.ThroughputPhotos, device);
            await Shared.StopAsync(api);

            var p2 = new List<double>();
            var p2Cpu = new List<double>();
            for (var i = 0; i <= runs.Count; i++)
            {
                var cpuBefore = CpuTime.OfReapedChildren();
                var ms = await PhotoCountProcessAsync(photoPath, device, settings, modelPath);
                var cpuMs = (CpuTime.OfReapedChildren() - cpuBefore).TotalMilliseconds;
                Console.WriteLine($"[{device}] P2 run {i}{(i == 0 ? " (warm-up)" : string.Empty)}: {ms:0} ms, CPU {cpuMs:0} ms");
                if (i > 0)
                {
                    p2.Add(ms);
                    p2Cpu.Add(cpuMs);
                }
            }

            var tiles = runs[0].Tiles;
            return new DeviceResult(
                device, tiles, oneThread, tiles * oneThread / Cores, Shared.Median(runs.Select(r => r.WallMs)), Shared.Median(runs.Select(r => r.CpuMs)),
                Shared.Median(runs.Select(r => r.OrtMs)), Shared.Median(p2), Shared.Median(p2Cpu), perMinute, rssPerPhoto);
        }
        finally
        {
            await Shared.StopAsync(api);
        }
    }

    /// <summary>The model's Run on one tile with one ORT thread (the floor's unit), in this process while no node runs.</summary>
    private static double OneThreadRunMs(string modelPath, string device, byte[] jpeg, int tile)
    {
        using var detector = new YoloDetector(modelPath, new YoloDetectorOptions { Device = device, IntraOpThreads = 1 });
        using var photo = PhotoDecoder.Decode(jpeg);
        var rect = new PixelRect(0, 0, Math.Min(tile, photo.Width), Math.Min(tile, photo.Height));
        var times = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var ms = detector.Detect(photo.Bitmap, rect).InferenceTime.TotalMilliseconds;
            if (i >= 5)
            {
                times.Add(ms);
            }
        }

        return Shared.Median(times);
    }

    /// <summary>Keeps <paramref name="inFlight"/> photos in flight until <paramref name="count"/> are counted; samples the API's RSS meanwhile.</summary>
    private static async Task<(double PerMinute, double RssPerPhotoMb)> ThroughputAsync(
        HttpClient http, Process api, IReadOnlyList<byte[]> photos, int inFlight, int count, string device)
    {
        var idle = RssBytes(api);
        var peak = idle;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, RssBytes(api));
                await Task.Delay(20);
            }
        });
        var next = 0;
        var watch = Stopwatch.StartNew();
        var latencies = new List<double>();
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var n && n <= count)
            {
                var run = await RunPhotoAsync(http, photos[n % photos.Count]);
                lock (latencies)
                {
                    latencies.Add(run.WallMs);
                }
            }
        }));
        var elapsed = watch.Elapsed;
        await sampling.CancelAsync();
        await sampler;
        var perMinute = count / elapsed.TotalMinutes;
        var rssPerPhoto = (peak - idle) / (1024.0 * 1024.0) / inFlight;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{device}] throughput: {count} photos, {inFlight} in flight, {elapsed.TotalSeconds:0.0} s = {perMinute:0.0} photos/min; latency p50 {Shared.Median(latencies):0} ms, " +
            $"max {latencies.Max():0} ms; RSS idle {idle / 1048576.0:0} MB, peak {peak / 1048576.0:0} MB"));
        return (perMinute, rssPerPhoto);
    }

    private static long RssBytes(Process process)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    /// <summary>The wall time of a whole <c>demeter photo count</c> process, startup and model load included.</summary>
    private static async Task<double> PhotoCountProcessAsync(string photoPath, string device, PhotoBenchSettings settings, string modelPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var arg in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "demeter.dll"), "photo", "count", photoPath, "--model", modelPath, "--device", device,
            "--tile-size", settings.TileSize.ToString(CultureInfo.InvariantCulture), "--overlap", settings.TileOverlap.ToString(CultureInfo.InvariantCulture), "--json",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start demeter photo count.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"demeter photo count exited {process.ExitCode}: {await error}");
        }

        _ = await output;
        return ms;
    }

    private static async Task<Run> RunPhotoAsync(HttpClient http, byte[] jpeg)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", "bench.jpg");
        form.Add(new StringContent("1291"), "storageLocationId");
        // Upload → completed is read off the session's own completion time (this host's clock, like the start): the
        // harness polls only to learn that it finished, sparsely, so its requests do not take CPU from the photo path.
        var started = DateTimeOffset.UtcNow;
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
                    (timings.GetProperty("finishedAt").GetDateTimeOffset() - started).TotalMilliseconds,
                    timings.GetProperty("pipelineMs").GetDouble(),
                    timings.GetProperty("inferenceMs").GetDouble(),
                    session.GetProperty("tiles").GetInt32(),
                    session.GetProperty("total").GetInt32(),
                    CpuMs: double.NaN);
            }

            if (status is "failed" or "needs_location")
            {
                throw new InvalidOperationException($"Session {sessionId} ended {status}: {session}");
            }

            await Task.Delay(100);
        }
    }

    private sealed record Run(double WallMs, double PipelineMs, double OrtMs, int Tiles, int Total, double CpuMs);

    private sealed record DeviceResult(
        string Device, int Tiles, double OneThreadRunMs, double FloorMs, double P1Ms, double P1CpuMs, double SummedRunMs, double P2Ms, double P2CpuMs, double PhotosPerMinute,
        double PeakRssPerPhotoMb);
}

/// <summary>The photo benchmark's own options.</summary>
internal sealed record PhotoBenchSettings(
    string? Model, IReadOnlyList<string> Devices, int TileSize, double TileOverlap, int InFlight, int ThroughputPhotos, int WarmupPhotos)
{
    public static PhotoBenchSettings Parse(string[] args, BenchOptions options)
    {
        string? Text(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        var model = Text("--model");
        if (model is not null && !File.Exists(model))
        {
            throw new FileNotFoundException($"--model {model} does not exist.", model);
        }

        // A user's export is measured on the tiles it is usually run with (640 px, 0.2); the built-in detector on the node defaults.
        var devices = (Text("--devices") ?? Text("--device") ?? "cpu").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new PhotoBenchSettings(
            model,
            devices,
            int.Parse(Text("--tile-size") ?? (model is null ? "512" : "640"), CultureInfo.InvariantCulture),
            double.Parse(Text("--tile-overlap") ?? (model is null ? "0.25" : "0.2"), CultureInfo.InvariantCulture),
            int.Parse(Text("--in-flight") ?? "4", CultureInfo.InvariantCulture),
            Math.Max(options.Photos, int.Parse(Text("--throughput-photos") ?? "12", CultureInfo.InvariantCulture)),
            int.Parse(Text("--warmup-photos") ?? "4", CultureInfo.InvariantCulture));
    }
}
