using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Admin;

/// <summary>One trace per photo: the upload's request, its session's count, each step of the graph and each inference Run.</summary>
public sealed class TracingTests
{
    [Fact]
    public async Task A_photo_is_one_trace_from_its_upload_through_its_graph_to_the_inference_runs()
    {
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Demeter" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await using var data = await HostData.CreateAsync(Backend.Sqlite, "tracing");
        await using var host = await ApiHost.StartAsync(data);
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var session = await PhotoUploadTests.UploadAsync(host.Client, TrayPhotos.Small(seed: 31), ("storageLocationId", Nursery.ClaroAt(50).Id.ToString(CultureInfo.InvariantCulture)));
        var finished = await PhotoUploadTests.WaitFinishedAsync(host.Client, session);
        var tiles = finished["tiles"]!.GetValue<int>();

        var count = await Eventually.UntilAsync(
            "the photo's count span",
            () => Task.FromResult(stopped.FirstOrDefault(a => a.OperationName == "photo.count" && (string?)a.GetTagItem("demeter.photo_session") == session.ToString("D"))),
            a => a is not null);
        var trace = count!.TraceId;
        var spans = stopped.Where(a => a.TraceId == trace).ToList();

        // Its root is the upload's request.
        var upload = Assert.Single(spans, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server && a.DisplayName.Contains("/api/v1/photos", StringComparison.Ordinal));
        Assert.Equal(upload.SpanId, count.ParentSpanId);
        foreach (var step in new[] { "photo.decode", "photo.segment", "photo.estimate", "photo.outputs" })
        {
            Assert.Equal(count.SpanId, Assert.Single(spans, a => a.OperationName == step).ParentSpanId);
        }

        var passes = spans.Where(a => a.OperationName == "photo.tile").ToList();
        Assert.Equal(tiles, passes.Count);
        var segmentation = Assert.Single(spans, a => a.OperationName == "inference.segment");
        Assert.Equal(spans.Single(a => a.OperationName == "photo.segment").SpanId, segmentation.ParentSpanId);
        var runs = spans.Where(a => a.OperationName == "inference.run").ToList();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Contains(passes, p => p.SpanId == r.ParentSpanId));
        Assert.Equal(tiles, runs.Sum(r => (int)r.GetTagItem("demeter.tiles")!));
        Assert.Equal(finished["detected"]!.GetValue<int>(), (int)count.GetTagItem("demeter.detected")!);
    }
}
