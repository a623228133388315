using System.Net;
using System.Text;
using Demeter.Api.Tests.Support;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Tests.Layout;

/// <summary>POST /api/v1/layout/import on a fresh node: the real files, a re-import, and rejected imports.</summary>
public sealed class LayoutImportTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Real_layout_imports_once_and_rejected_imports_change_nothing(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "import");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;

        // A missing file is refused before anything reaches the cluster.
        using (var missing = await client.PostAsync(Forms.ImportUrl, Forms.Layout(Nursery.Naves, Nursery.Canteros, null)))
        {
            var problem = await missing.ProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
            Assert.Contains("claros", problem.Str("detail"), StringComparison.Ordinal);
        }

        using (var notMultipart = await client.PostAsync(Forms.ImportUrl, new StringContent("{}", Encoding.UTF8, "application/json")))
        {
            await notMultipart.ProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        }

        Assert.Equal(0, (await host.LayoutCountsAsync()).StorageLocations);

        using (var first = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            var body = await first.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(Nursery.Warehouses, body.Int("warehouses"));
            Assert.Equal(Nursery.StorageAreas, body.Int("storageAreas"));
            Assert.Equal(Nursery.StorageLocations, body.Int("storageLocations"));
            Assert.Equal(1374, body.Int("eventsPersisted"));
        }

        await Eventually.UntilAsync(
            "the read model holds the whole layout",
            host.LayoutCountsAsync,
            c => c == new LayoutCounts(Nursery.Warehouses, Nursery.StorageAreas, Nursery.StorageLocations));

        using (var again = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            var body = await again.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(0, body.Int("eventsPersisted"));
            Assert.Equal(Nursery.StorageLocations, body.Int("storageLocations"));
        }

        // Truncated JSON and a claro whose cantero does not exist: 422 with every error, nothing imported.
        var truncated = Nursery.Claros[..(Nursery.Claros.Length / 2)];
        var unknownCantero = ReplaceFirst(Nursery.Claros, "\"cantero\": \"Cantero Norte\"", "\"cantero\": \"Cantero Inexistente\"");
        foreach (var (claros, expected) in new[] { (truncated, "not valid JSON"), (unknownCantero, "Cantero Inexistente") })
        {
            using var broken = await client.PostAsync(Forms.ImportUrl, Forms.Layout(Nursery.Naves, Nursery.Canteros, claros));
            var problem = await broken.ProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid-layout");
            var errors = problem["errors"]!.AsArray().Select(e => e!.GetValue<string>()).ToList();
            Assert.NotEmpty(errors);
            Assert.All(errors, e => Assert.StartsWith("claros.geojson", e, StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
        }

        // Nothing changed: the counts stay, and re-importing the real files finds nothing to register.
        Assert.Equal(new LayoutCounts(Nursery.Warehouses, Nursery.StorageAreas, Nursery.StorageLocations), await host.LayoutCountsAsync());
        using (var after = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            var body = await after.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(0, body.Int("eventsPersisted"));
            Assert.Equal(Nursery.StorageLocations, body.Int("storageLocations"));
        }
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{find}' is not in the file.");
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }
}
