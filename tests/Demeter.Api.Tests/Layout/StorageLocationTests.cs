using System.Globalization;
using System.Net;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Layout;

/// <summary>GET /api/v1/storage-locations?latitude=&amp;longitude= (lat/lon still read) and /api/v1/storage-locations/{id} over the imported real layout.</summary>
[Collection(ImportedLayoutCollection.Name)]
public sealed class StorageLocationTests(ImportedLayoutHosts hosts)
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Claro_centroid_locates_its_claro_and_bad_coordinates_are_rejected(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(100);

        var found = await (await client.GetAsync(LocateUrl(claro.Centroid.Latitude, claro.Centroid.Longitude))).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(claro.Id, found.Int("storageLocationId"));
        Assert.True(found["inside"]!.GetValue<bool>());
        Assert.Equal(claro.Label, found["storageLocation"]!.Str("label"));

        using (var far = await client.GetAsync(LocateUrl(0, 0)))
        {
            await far.ProblemAsync(HttpStatusCode.NotFound, "not-found");
        }

        foreach (var bad in new[]
                 {
                     "/api/v1/storage-locations?latitude=100&longitude=-68.7",
                     "/api/v1/storage-locations?latitude=-33.04&longitude=200",
                     "/api/v1/storage-locations?latitude=-33.04",
                     "/api/v1/storage-locations?lat=abc&lon=-68.7",
                     "/api/v1/storage-locations",
                 })
        {
            using var response = await client.GetAsync(bad);
            await response.ProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Storage_location_by_id_shows_its_area_and_warehouse(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(200);
        var area = Nursery.Layout.StorageAreas.Single(a => a.Id == claro.StorageAreaId);
        var warehouse = Nursery.Layout.Warehouses.Single(w => w.Id == claro.WarehouseId);

        var body = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(claro.Id, body.Int("id"));
        Assert.Equal(claro.Label, body.Str("label"));
        Assert.Equal(claro.Row, body.Int("row"));
        Assert.Equal(claro.Col, body.Int("col"));
        Assert.Equal(claro.Centroid.Latitude, body["centroidLatitude"]!.GetValue<double>(), 9);
        Assert.Equal(claro.Centroid.Longitude, body["centroidLongitude"]!.GetValue<double>(), 9);
        Assert.Equal(area.Id, body["storageArea"]!.Int("id"));
        Assert.Equal(area.Label, body["storageArea"]!.Str("label"));
        Assert.Equal(warehouse.Id, body["warehouse"]!.Int("id"));
        Assert.Equal(warehouse.Name, body["warehouse"]!.Str("name"));

        using (var unknown = await client.GetAsync("/api/v1/storage-locations/999999"))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound, "storage-location-not-found");
        }

        using (var unknownStock = await client.GetAsync("/api/v1/storage-locations/999999/stock"))
        {
            await unknownStock.ProblemAsync(HttpStatusCode.NotFound, "storage-location-not-found");
        }

        var stock = await (await client.GetAsync($"/api/v1/storage-locations/{claro.Id}/stock")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(claro.Id, stock.Int("storageLocationId"));
        Assert.Equal(0, stock.Int("total"));
        Assert.Empty(stock["batches"]!.AsArray());
    }

    private static string LocateUrl(double lat, double lon) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/storage-locations?latitude={lat:R}&longitude={lon:R}");
}
