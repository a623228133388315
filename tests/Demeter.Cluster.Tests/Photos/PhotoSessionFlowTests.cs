using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Photos.Sessions;
using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using Demeter.Inference.Synthetic;

namespace Demeter.Cluster.Tests.Photos;

public sealed class PhotoSessionFlowTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_photo_is_counted_and_completed_only_once_its_count_is_in_the_claros_ledger(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var locations = node.Get<ActorKeys.StorageLocationRegion>();
        var init = await locations.Ask<StockBatchReply>(
            new BookMovementByKey(1291, Guid.NewGuid(), MovementType.ManualInit, 40, DateTimeOffset.UtcNow.AddMinutes(-5), new BatchKeyRequest(7, null, null, null, null),
                MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
            TimeSpan.FromSeconds(30));
        Assert.True(init.Accepted, init.RejectionReason);

        var photo = SyntheticTrayPhoto.Generate(4000, 3000, 40, seed: 11, plantDiameterPx: 70);
        var blob = await node.Blobs.PutAsync(photo.Jpeg);
        var sessionId = Guid.NewGuid();
        var sessions = node.Get<ActorKeys.PhotoSessionRegion>();
        var now = DateTimeOffset.UtcNow;
        var started = await sessions.Ask<PhotoSessionReply>(
            new StartPhotoSession(sessionId, new PhotoRef(blob, "image/jpeg", photo.Jpeg.Length, 4000, 3000), 1291, null, null,
                new CaptureTime(now, CaptureTimeSource.Upload, null), "anonymous", now),
            TimeSpan.FromSeconds(30));
        Assert.True(started.Accepted);

        var done = await TestNode.EventuallyAsync(
            () => sessions.Ask<PhotoSessionReply>(new GetPhotoSession(sessionId), TimeSpan.FromSeconds(10)),
            r => r.Session.Status is PhotoSessionStatus.Completed or PhotoSessionStatus.Failed);
        Assert.Equal(PhotoSessionStatus.Completed, done.Session.Status);
        var detected = done.Session.Result!.Detected;
        Assert.InRange(detected, 38, 42);
        Assert.Equal(PhotoCountStatus.Booked, done.Session.Booking!.Status);
        Assert.Equal(40, done.Session.Booking.LedgerAtCapture);

        // Once the read model says completed, it already shows the stock the count booked (one ordered projection).
        var row = await TestNode.EventuallyAsync(() => node.Queries.PhotoSessionAsync(sessionId), r => r?.Status == nameof(PhotoSessionStatus.Completed));
        var stock = await node.Queries.StockOfLocationAsync(1291);
        Assert.Equal(init.BatchId, Assert.Single(stock).BatchId);
        Assert.Equal(detected, stock[0].Quantity);
        Assert.True(row!.InferenceMs > 0);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_count_of_a_claro_with_two_lots_and_no_config_waits_for_a_config_then_completes(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var locations = node.Get<ActorKeys.StorageLocationRegion>();
        foreach (var product in new[] { 1, 2 })
        {
            var reply = await locations.Ask<StockBatchReply>(
                new BookMovementByKey(1300, Guid.NewGuid(), MovementType.ManualInit, 30, DateTimeOffset.UtcNow.AddMinutes(-5), new BatchKeyRequest(product, null, null, null, null),
                    MovementDetails.Manual(), Guid.NewGuid(), Guid.NewGuid()),
                TimeSpan.FromSeconds(30));
            Assert.True(reply.Accepted, reply.RejectionReason);
        }

        var photo = SyntheticTrayPhoto.Generate(1600, 1200, 20, seed: 3, plantDiameterPx: 60);
        var blob = await node.Blobs.PutAsync(photo.Jpeg);
        var sessionId = Guid.NewGuid();
        var sessions = node.Get<ActorKeys.PhotoSessionRegion>();
        var now = DateTimeOffset.UtcNow;
        await sessions.Ask<PhotoSessionReply>(
            new StartPhotoSession(sessionId, new PhotoRef(blob, "image/jpeg", photo.Jpeg.Length, 1600, 1200), 1300, null, null,
                new CaptureTime(now, CaptureTimeSource.Upload, null), "anonymous", now),
            TimeSpan.FromSeconds(30));

        await TestNode.EventuallyAsync(
            () => new EntityReader(node).SessionAsync(sessionId),
            s => s.Status == PhotoSessionStatus.NeedsConfig);
        // The projector may still be applying the two inits; the count must not have touched them meanwhile.
        var before = await TestNode.EventuallyAsync(() => node.Queries.StockOfLocationAsync(1300), rows => rows.Count == 2);
        Assert.Equal(60, before.Sum(b => b.Quantity));

        var configured = await locations.Ask<Demeter.Cluster.StorageLocations.StorageLocationReply>(
            new SetStorageLocationConfig(1300, Guid.NewGuid(), ConfigMode.Create, 2, null, null, null, null, "u", DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
        Assert.True(configured.Accepted);

        var completed = await TestNode.EventuallyAsync(() => new EntityReader(node).SessionAsync(sessionId), s => s.Status == PhotoSessionStatus.Completed);
        var counted = completed.Result!.Total;
        var stock = await TestNode.EventuallyAsync(
            () => node.Queries.StockOfLocationAsync(1300), rows => rows.Single(b => b.ProductId == 2).Quantity == counted);
        Assert.Equal(30, stock.Single(b => b.ProductId == 1).Quantity);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_photo_with_no_container_completes_with_no_plants_and_says_why(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);

        // Grey concrete and nothing on it: the built-in segmenter finds no growing surface.
        using var bitmap = new SkiaSharp.SKBitmap(1200, 900);
        bitmap.Erase(new SkiaSharp.SKColor(128, 128, 130));
        using var encoded = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        var done = await CountAsync(node, encoded.ToArray(), 1200, 900, storageLocationId: 1310);

        Assert.Equal(PhotoSessionStatus.Completed, done.Session.Status);
        Assert.Equal((0, 0), (done.Session.Result!.Detected, done.Session.Result.Estimated));
        Assert.Empty(done.Session.Result.Containers!);
        Assert.Contains(Demeter.Domain.Photos.Containers.PhotoCountWarnings.NoContainersFound, done.Session.Result.Warnings!);
        Assert.Equal("builtin", done.Session.Result.Segmenter);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_count_lists_the_containers_the_segmenter_found(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var scene = SyntheticNurseryScene.Generate(seed: 1); // crates on concrete
        var done = await CountAsync(node, scene.Photo.Jpeg, scene.Photo.Width, scene.Photo.Height, storageLocationId: 1311);

        Assert.Equal(PhotoSessionStatus.Completed, done.Session.Status);
        var result = done.Session.Result!;
        Assert.Equal(scene.Containers, result.Containers!.Count);
        // Two crates of a pair each cover over a quarter of the photo, so the built-in segmenter calls them segments.
        Assert.All(result.Containers, c => Assert.Contains(c.Type, new[] { "box", "segment" }));
        Assert.All(result.Containers, c => Assert.Equal(4, c.Bands.Count));
        Assert.Equal(result.Detected, result.Containers.Sum(c => c.Detected));
        Assert.Equal(result.Estimated, result.Containers.Sum(c => c.Estimated));
        Assert.InRange(result.Total, scene.Photo.Plants.Count * 0.95, scene.Photo.Plants.Count * 1.05);
    }

    // Starts a session for the photo at a given claro and waits until it has ended.
    private static async Task<PhotoSessionReply> CountAsync(TestNode node, byte[] jpeg, int width, int height, int storageLocationId)
    {
        var blob = await node.Blobs.PutAsync(jpeg);
        var sessionId = Guid.NewGuid();
        var sessions = node.Get<ActorKeys.PhotoSessionRegion>();
        var now = DateTimeOffset.UtcNow;
        await sessions.Ask<PhotoSessionReply>(
            new StartPhotoSession(sessionId, new PhotoRef(blob, "image/jpeg", jpeg.Length, width, height), storageLocationId, null, null,
                new CaptureTime(now, CaptureTimeSource.Upload, null), "anonymous", now),
            TimeSpan.FromSeconds(30));
        return await TestNode.EventuallyAsync(
            () => sessions.Ask<PhotoSessionReply>(new GetPhotoSession(sessionId), TimeSpan.FromSeconds(10)),
            r => r.Session.Status is PhotoSessionStatus.Completed or PhotoSessionStatus.Failed);
    }

    private sealed class EntityReader(TestNode node)
    {
        public Task<PhotoSessionState> SessionAsync(Guid id) => new Demeter.Cluster.Persistence.EntityJournalReader(node.System).PhotoSessionAsync(id);
    }
}
