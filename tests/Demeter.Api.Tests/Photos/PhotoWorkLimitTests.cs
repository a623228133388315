using System.Net;
using Demeter.Api.Tests.Support;
using Demeter.Inference.Synthetic;
using SkiaSharp;

namespace Demeter.Api.Tests.Photos;

/// <summary>
/// The work one upload may cause is bounded from its header, before a pixel is decoded (pixels, aspect ratio,
/// tiles), and a full queue of photos answers 503 with Retry-After; nothing refused is stored.
/// </summary>
public sealed class PhotoWorkLimitTests
{
    [Fact]
    public async Task Photos_beyond_the_pixel_aspect_and_tile_limits_are_refused_before_decoding_and_a_full_queue_says_when_to_retry()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "work-limits");
        await using var host = await ApiHost.StartAsync(
            data, "demeter.photos.max-pixels = 11999999\ndemeter.photos.max-tiles = 20\ndemeter.photos.max-queued-photos = 1\n");

        // 12 MP over an 11,999,999 pixel cap: 413 from the header.
        await RefusedAsync(host, SyntheticTrayPhoto.Generate(4000, 3000, 3, seed: 1, plantDiameterPx: 60).Jpeg, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");

        // A strip 400 times longer than wide: few pixels, thousands of tiles of nothing.
        await RefusedAsync(host, Strip(19_200, 48), HttpStatusCode.UnprocessableEntity, "unsupported-aspect-ratio");

        // 2400×1500 is 24 tiles of 512 px at 25 % overlap, over a limit of 20.
        await RefusedAsync(host, SyntheticTrayPhoto.Generate(2400, 1500, 3, seed: 2, plantDiameterPx: 60).Jpeg, HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        Assert.Equal((0, 0), (data.BlobFileCount(), await host.PhotoSessionCountAsync()));
        using (var imported = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        // One photo in flight fills a queue of one: the next is told to come back, and is accepted once the first is counted.
        using (var first = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(SyntheticTrayPhoto.Generate(2000, 1500, 30, seed: 3, plantDiameterPx: 60).Jpeg, ("storageLocationId", Nursery.ClaroAt(700).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        var second = TrayPhotos.Small(seed: 4);
        using (var busy = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(second)))
        {
            await busy.ProblemAsync(HttpStatusCode.ServiceUnavailable, "busy");
            Assert.Equal(TimeSpan.FromSeconds(10), busy.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(1, data.BlobFileCount());
        await Eventually.UntilAsync("the first photo leaves the queue", host.PhotosInFlightAsync, n => n == 0, TimeSpan.FromSeconds(60));
        using var accepted = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(second));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    private static async Task RefusedAsync(ApiHost host, byte[] photo, HttpStatusCode status, string code)
    {
        using var response = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(photo));
        var problem = await response.ProblemAsync(status, code);
        Assert.False(string.IsNullOrWhiteSpace(problem.Str("detail")));
    }

    private static byte[] Strip(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SaddleBrown);
        using var encoded = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
