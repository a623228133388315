using System.Net;
using Demeter.Api.Tests.Support;
using Demeter.Inference.Synthetic;

namespace Demeter.Api.Tests.Photos;

/// <summary>
/// The photo path as a node runs it (decoded once, tiles read in place by the node's inference worker, several photos in
/// flight sharing its lanes, tiles of different photos batched into one Run) keeps exactly the detections of the plain
/// path: the same photo counted one tile per Run, one at a time.
/// </summary>
public sealed class FastPathCountTests
{
    [Fact]
    public async Task Photos_in_flight_together_are_counted_exactly_as_one_tile_at_a_time()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "fast-path");

        // Two lanes with batches of up to five, whatever this machine's cores; every photo's tiles in flight at once.
        await using var host = await ApiHost.StartAsync(
            data, "demeter.inference { lanes = 2, max-batch = 5 }\ndemeter.photos { inference-parallelism = 16, max-concurrent-photos = 4 }\n");
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        byte[][] photos =
        [
            SyntheticTrayPhoto.Generate(2400, 1800, 120, seed: 31, plantDiameterPx: 70).Jpeg,
            SyntheticNurseryScene.Generate(5).Photo.Jpeg,
            SyntheticTrayPhoto.Generate(1600, 1200, 40, seed: 32, plantDiameterPx: 90).Jpeg,
            SyntheticNurseryScene.Generate(7).Photo.Jpeg,
        ];
        var sessions = new List<Guid>();
        foreach (var photo in photos)
        {
            sessions.Add(await PhotoUploadTests.UploadAsync(client, photo, ("storageLocationId", "1291")));
        }

        for (var i = 0; i < photos.Length; i++)
        {
            var session = await PhotoUploadTests.WaitFinishedAsync(client, sessions[i]);
            Assert.Equal("completed", session.Str("status"));
            var listed = await (await client.GetAsync($"/api/v1/photo-sessions/{sessions[i]}/detections?pageSize=500")).JsonAsync(HttpStatusCode.OK);

            var expected = PlainCount.Detections(photos[i]);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, PlainCount.Listed(listed));
            Assert.Equal(expected.Count, session.Int("detected"));
        }
    }
}
