using Akka.Actor;
using Akka.TestKit.Xunit2;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Inference;
using Demeter.Domain.Photos.Vision;
using Demeter.Inference.Detectors;
using Demeter.Inference.Imaging;
using Demeter.Inference.Segmentation;
using Demeter.Inference.Synthetic;
using SkiaSharp;

namespace Demeter.Cluster.Tests.Photos;

/// <summary>
/// The device worker with the real built-in model: its queue is bounded and answers busy when full, sessions share it
/// in turn, and a tile that crossed from another node (serialized as raw pixels) is detected exactly like one read in
/// place.
/// </summary>
public sealed class InferenceWorkerTests : TestKit
{
    private static readonly Lazy<SKBitmap> Photo = new(() => PhotoDecoder.Decode(SyntheticTrayPhoto.Generate(1600, 1200, 60, seed: 9, plantDiameterPx: 80).Jpeg).Bitmap);

    public InferenceWorkerTests()
        : base(Akka.Configuration.ConfigurationFactory.ParseString("akka.actor.provider = local\nakka.loglevel = WARNING")
            .WithFallback(ClusterConfig.LoadFile(Path.Combine(AppContext.BaseDirectory, ClusterConfig.FileName))))
    {
    }

    [Fact]
    public void A_full_queue_answers_busy_instead_of_growing_and_takes_work_again_once_it_drains()
    {
        var worker = Worker(lanes: 1, maxBatch: 1, capacity: 2);
        using var photo = new SharedBitmap(Photo.Value.Copy());
        Warm(worker, photo);

        // The lane takes the first at once; two wait; the last two find the queue full.
        for (var i = 0; i < 5; i++)
        {
            worker.Tell(Tile(Guid.NewGuid(), i, photo, new PixelRect(0, 0, 512, 512)), TestActor);
        }

        var replies = Enumerable.Range(0, 5).Select(_ => ExpectMsg<object>(TimeSpan.FromSeconds(20))).ToList();
        Assert.Equal(3, replies.OfType<TileInferred>().Count());
        Assert.Equal([3, 4], replies.OfType<InferenceBusy>().Select(b => b.TileIndex).Order());
        Assert.All(replies.OfType<InferenceBusy>(), b => Assert.True(b.RetryAfterMs > 0));

        worker.Tell(Tile(Guid.NewGuid(), 9, photo, new PixelRect(0, 0, 512, 512)), TestActor);
        Assert.Equal(9, ExpectMsg<TileInferred>(TimeSpan.FromSeconds(20)).TileIndex);
    }

    [Fact]
    public void A_small_photo_queued_behind_a_big_one_is_served_in_turn()
    {
        var worker = Worker(lanes: 1, maxBatch: 1, capacity: 100);
        using var photo = new SharedBitmap(Photo.Value.Copy());
        Warm(worker, photo);
        Guid big = Guid.NewGuid(), small = Guid.NewGuid();
        for (var i = 0; i < 30; i++)
        {
            worker.Tell(Tile(big, i, photo, new PixelRect((i % 3) * 400, 0, 512, 512)), TestActor);
        }

        for (var i = 0; i < 3; i++)
        {
            worker.Tell(Tile(small, 100 + i, photo, new PixelRect(i * 300, 600, 512, 512)), TestActor);
        }

        var order = Enumerable.Range(0, 33).Select(_ => ExpectMsg<TileInferred>(TimeSpan.FromSeconds(60)).SessionId).ToList();

        // In turn: the small photo's last tile comes within its first eight replies, not after the big photo's 30.
        Assert.InRange(order.LastIndexOf(small), 2, 8);
    }

    [Fact]
    public void A_tile_sent_as_raw_pixels_is_detected_exactly_like_one_read_in_place()
    {
        var worker = Worker(lanes: 2, maxBatch: 4, capacity: 100);
        using var photo = new SharedBitmap(Photo.Value.Copy());
        var rects = new[] { new PixelRect(0, 0, 512, 512), new PixelRect(700, 300, 512, 512), new PixelRect(1088, 688, 512, 512), new PixelRect(200, 100, 900, 700) };
        var serialization = Sys.Serialization;
        var local = new List<TileInferred>();
        var remote = new List<TileInferred>();
        foreach (var (rect, i) in rects.Select((r, i) => (r, i)))
        {
            var tile = Tile(Guid.NewGuid(), i, photo, rect);
            var serializer = serialization.FindSerializerFor(tile);
            var bytes = serializer.ToBinary(tile);
            var arrived = (InferTile)serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, tile));
            Assert.Equal((tile.SessionId, tile.TileIndex, tile.Tile), (arrived.SessionId, arrived.TileIndex, arrived.Tile));
            Assert.Equal(default, arrived.Trace);
            Assert.True(arrived.Pixels.OwnedByMessage);
            Assert.True(bytes.Length > rect.Width * rect.Height * 4, "the pixels travel raw");

            worker.Tell(tile, TestActor);
            local.Add(ExpectMsg<TileInferred>(TimeSpan.FromSeconds(20)));
            worker.Tell(arrived, TestActor);
            remote.Add(ExpectMsg<TileInferred>(TimeSpan.FromSeconds(20)));
        }

        Assert.All(local, l => Assert.NotEmpty(l.Detections));
        Assert.Equal(local.Select(l => l.Detections), remote.Select(r => r.Detections));

        // The photo's trace context crosses with the pixels: the worker on the other node continues the same trace.
        var trace = new System.Diagnostics.ActivityContext(
            System.Diagnostics.ActivityTraceId.CreateRandom(), System.Diagnostics.ActivitySpanId.CreateRandom(), System.Diagnostics.ActivityTraceFlags.Recorded);
        var traced = Tile(Guid.NewGuid(), 9, photo, rects[0]) with { Trace = trace };
        var tracedSerializer = serialization.FindSerializerFor(traced);
        var received = (InferTile)serialization.Deserialize(
            tracedSerializer.ToBinary(traced), tracedSerializer.Identifier, Akka.Serialization.Serialization.ManifestFor(tracedSerializer, traced));
        Assert.Equal((trace.TraceId, trace.SpanId, trace.TraceFlags), (received.Trace.TraceId, received.Trace.SpanId, received.Trace.TraceFlags));
        InferenceLane.Free(received.Pixels);
    }

    [Fact]
    public void A_segmentation_request_round_trips_and_is_answered_first()
    {
        var worker = Worker(lanes: 1, maxBatch: 1, capacity: 10);
        using var small = new SharedBitmap(Photo.Value.Copy());
        var request = new SegmentPhoto(Guid.NewGuid(), new InferencePixels(small, new PixelRect(0, 0, small.Width, small.Height)), 3200, 2400, DateTimeOffset.MaxValue);
        var serializer = Sys.Serialization.FindSerializerFor(request);
        var arrived = (SegmentPhoto)Sys.Serialization.Deserialize(serializer.ToBinary(request), serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, request));

        worker.Tell(arrived, TestActor);
        var segmented = ExpectMsg<PhotoSegmented>(TimeSpan.FromSeconds(20));

        Assert.Equal(request.SessionId, segmented.SessionId);
        Assert.Equal(new PixelRect(0, 0, 3200, 2400), Assert.Single(segmented.Containers).Box);
    }

    private IActorRef Worker(int lanes, int maxBatch, int capacity)
    {
        var detector = new YoloDetector(BuiltInPlantDetector.Build(), new YoloDetectorOptions { MaxBatch = maxBatch, IntraOpThreads = 1 });
        var model = new InferenceModel(detector, "builtin", "sha", new WholePhotoSegmenter(), new InferenceThreads(lanes, 1));
        return Sys.ActorOf(InferenceWorker.Props(model, capacity));
    }

    private void Warm(IActorRef worker, SharedBitmap photo)
    {
        worker.Tell(Tile(Guid.NewGuid(), -1, photo, new PixelRect(0, 0, 512, 512)), TestActor);
        ExpectMsg<TileInferred>(TimeSpan.FromSeconds(20));
    }

    private static InferTile Tile(Guid session, int index, SharedBitmap photo, PixelRect rect) =>
        new(session, index, rect, new InferencePixels(photo, rect), DateTimeOffset.MaxValue);
}
