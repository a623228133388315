using Akka.Actor;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Photos;
using Demeter.Cluster.Tests.Support;
using Demeter.Domain.Photos.Sessions;
using Demeter.Inference.Synthetic;

namespace Demeter.Cluster.Tests.Photos;

public sealed class PhotoSessionFlowTests
{
    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Photo_with_a_known_location_is_counted_and_booked_into_the_claros_batch(string backend)
    {
        await using var node = await TestNode.StartAsync(backend);
        var photo = SyntheticTrayPhoto.Generate(4000, 3000, 40, seed: 11, plantDiameterPx: 70);
        var blob = await node.Blobs.PutAsync(photo.Jpeg);
        var sessionId = Guid.NewGuid();
        var sessions = node.Get<ActorKeys.PhotoSessionRegion>();

        var started = await sessions.Ask<PhotoSessionReply>(
            new StartPhotoSession(sessionId, new PhotoRef(blob, "image/jpeg", photo.Jpeg.Length, 4000, 3000), 1291, null, null, DateTimeOffset.UtcNow),
            TimeSpan.FromSeconds(30));
        Assert.True(started.Accepted);

        var done = await TestNode.EventuallyAsync(
            () => sessions.Ask<PhotoSessionReply>(new GetPhotoSession(sessionId), TimeSpan.FromSeconds(10)),
            r => r.Session.BookedBatchId is not null || r.Session.Status == PhotoSessionStatus.Failed);
        Assert.Equal(PhotoSessionStatus.Completed, done.Session.Status);
        var detected = done.Session.Result!.Detected;
        Assert.InRange(detected, 38, 42);
        Assert.Equal(PhotoSessionState.PhotoBatchIdFor(1291), done.Session.BookedBatchId);

        var stock = await TestNode.EventuallyAsync(() => node.Queries.StockOfLocationAsync(1291), rows => rows.Count == 1 && rows[0].QuantityCurrent == detected);
        Assert.Equal(detected, stock[0].QuantityInitial);
        var row = await TestNode.EventuallyAsync(() => node.Queries.PhotoSessionAsync(sessionId), r => r?.BookedBatchId is not null);
        Assert.Equal("Completed", row!.Status);
        Assert.True(row.InferenceMs > 0);
    }

    public static TheoryData<string> Backends() => Backend.All();
}
