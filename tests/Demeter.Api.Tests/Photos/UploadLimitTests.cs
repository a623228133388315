using System.Net;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Photos;

/// <summary>demeter.photos.max-upload-bytes: a photo over the limit is refused with 413 and not stored.</summary>
public sealed class UploadLimitTests
{
    private const int LimitBytes = 100_000;

    [Fact]
    public async Task Photo_over_the_upload_limit_is_refused_with_413_and_not_stored()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "limit");
        await using var host = await ApiHost.StartAsync(data, $"demeter.photos.max-upload-bytes = {LimitBytes}\n");

        var photo = TrayPhotos.Tray(seed: 31);
        Assert.True(photo.Length > LimitBytes, $"The test photo has only {photo.Length} bytes.");
        using (var response = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(photo)))
        {
            await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        // A request far over the limit is refused from its Content-Length, before the form is read.
        var huge = new byte[LimitBytes + (2 * 1024 * 1024)];
        photo.CopyTo(huge, 0);
        using (var response = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(huge)))
        {
            await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        }

        Assert.Equal(0, data.BlobFileCount());
        Assert.Equal(0, await host.PhotoSessionCountAsync());

        // A photo under the limit still goes through.
        var small = Demeter.Inference.Synthetic.SyntheticTrayPhoto.Generate(320, 240, 3, seed: 32, plantDiameterPx: 40).Jpeg;
        Assert.True(small.Length < LimitBytes);
        using (var response = await host.Client.PostAsync(Forms.PhotosUrl, Forms.Photo(small)))
        {
            Assert.Equal("needs_location", (await response.JsonAsync(HttpStatusCode.Accepted)).Str("status"));
        }

        Assert.Equal(1, data.BlobFileCount());
    }
}
