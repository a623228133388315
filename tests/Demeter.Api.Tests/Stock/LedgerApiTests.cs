using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Demeter.Api.Tests.Photos;
using Demeter.Api.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Demeter.Api.Tests.Stock;

/// <summary>The stock ledger through the real HTTP pipeline, over the imported real layout.</summary>
[Collection(ImportedLayoutCollection.Name)]
public sealed class LedgerApiTests(ImportedLayoutHosts hosts)
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_manual_init_then_a_photo_then_five_deaths_right_after_the_upload_ends_at_the_photo_count_minus_five(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(600);
        var batchId = await Ledger.InitAsync(client, claro.Id, 40);

        var sessionId = await PhotoUploadTests.UploadAsync(client, TrayPhotos.Tray(seed: 61, at: claro.Centroid));
        for (var i = 0; i < 5; i++)
        {
            await Ledger.MoveAsync(client, batchId, "muerte", 1);
        }

        var session = await PhotoUploadTests.WaitFinishedAsync(client, sessionId);
        var counted = session.Int("total");
        var stock = await Ledger.StockAsync(client, claro.Id);

        Assert.Equal(counted - 5, stock.Int("total"));
        var batch = Assert.Single(stock["batches"]!.AsArray())!;
        Assert.Equal(batchId, batch.Str("id"));
        Assert.Equal(5, batch.Int("emptyContainers"));
        Assert.Equal(40, session["booking"]!.Int("ledgerAtCapture"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Manual_init_and_movements_follow_the_contract_and_a_retry_returns_the_original_outcome(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(601);
        var init = Guid.NewGuid();
        string batchId;
        using (var created = await client.PostAsJsonAsync(Ledger.ManualInitUrl, new { movementId = init, storageLocationId = claro.Id, productId = 42, quantity = 100 }))
        {
            var body = await created.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(100, body.Int("quantity"));
            Assert.Matches($"^LOC{claro.Id}-PROD42-[0-9]{{8}}-001$", body.Str("batchCode"));
            batchId = body.Str("batchId");
        }

        using (var retried = await client.PostAsJsonAsync(Ledger.ManualInitUrl, new { movementId = init, storageLocationId = claro.Id, productId = 42, quantity = 100 }))
        {
            Assert.True((await retried.JsonAsync(HttpStatusCode.OK))["alreadyApplied"]!.GetValue<bool>());
        }

        var death = Guid.NewGuid();
        var first = await Ledger.MoveAsync(client, batchId, "muerte", 3, death);
        Assert.Equal((batchId, 97, -3, "muerte"), (first.Str("batchId"), first.Int("quantity"), first.Int("signedQuantity"), first.Str("type")));
        await Ledger.MoveAsync(client, batchId, "plantado", 20);
        var retry = await Ledger.MoveAsync(client, batchId, "muerte", 3, death, status: HttpStatusCode.OK);
        Assert.Equal(97, retry.Int("quantity"));
        Assert.True(retry["alreadyApplied"]!.GetValue<bool>());

        using (var reused = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = death, batchId, type = "muerte", quantity = 4 }))
        {
            await reused.ProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        }

        using (var noReason = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId, type = "ajuste", quantity = -2 }))
        {
            await noReason.ProblemAsync(HttpStatusCode.UnprocessableEntity, "reason-required");
        }

        Assert.Equal(115, (await Ledger.MoveAsync(client, batchId, "ajuste", -2, reason: "recount")).Int("quantity"));
        using (var tooMany = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), batchId, type = "ventas", quantity = 116 }))
        {
            Assert.Equal(115, (await tooMany.ProblemAsync(HttpStatusCode.Conflict, "insufficient-stock")).Int("available"));
        }

        var movements = await client.EventuallyGetAsync($"{Ledger.BatchUrl(batchId)}/movements", m => m.Int("total") == 4);
        var types = movements["items"]!.AsArray().Select(m => m!.Str("type")).ToList();
        Assert.Equal(["manual_init", "muerte", "plantar", "ajuste"], types);
        // Each movement records who booked it: the signed-in user, never a name the client sends.
        Assert.All(movements["items"]!.AsArray(), m => Assert.Equal("admin", m!.Str("user")));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_manual_init_of_a_configured_claro_must_match_its_product_and_packaging(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(602);
        using (var config = await client.PutAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/config", new { productId = 42, packagingId = 8 }))
        {
            var body = await config.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(42, body["active"]!.Int("productId"));
        }

        using (var wrongProduct = await client.PostAsJsonAsync(Ledger.ManualInitUrl, new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 43, quantity = 10 }))
        {
            Assert.Contains("42", (await wrongProduct.ProblemAsync(HttpStatusCode.BadRequest, "product-mismatch")).Str("detail"));
        }

        using (var wrongPot = await client.PostAsJsonAsync(Ledger.ManualInitUrl, new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 42, packagingId = 9, quantity = 10 }))
        {
            await wrongPot.ProblemAsync(HttpStatusCode.BadRequest, "packaging-mismatch");
        }

        var batchId = await Ledger.InitAsync(client, claro.Id, 10);
        Assert.Equal(8, (await (await client.GetAsync(Ledger.BatchUrl(batchId))).JsonAsync(HttpStatusCode.OK)).Int("packagingId"));

        // A new cycle keeps the old config as history.
        using (var cycle = await client.PutAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/config", new { productId = 77, mode = "create" }))
        {
            var body = await cycle.JsonAsync(HttpStatusCode.OK);
            Assert.Equal(77, body["active"]!.Int("productId"));
            Assert.Equal(2, body["history"]!.AsArray().Count);
        }

        await client.EventuallyGetAsync($"/api/v1/storage-locations/{claro.Id}/config", c => c["history"]!.AsArray().Count == 2 && c["active"]!.Int("productId") == 77);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task One_config_applies_to_many_claros_each_answered_on_its_own(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var (a, b) = (Nursery.ClaroAt(610), Nursery.ClaroAt(611));

        using var response = await client.PostAsJsonAsync(
            "/api/v1/storage-locations/config/bulk", new { storageLocationIds = new[] { a.Id, b.Id, 999_999 }, productId = 12, mode = "create" });
        var items = (await response.JsonAsync((HttpStatusCode)207)).AsArray();

        Assert.Equal([200, 200, 404], items.Select(i => i!.Int("status")));
        Assert.Equal(12, items[0]!["config"]!["active"]!.Int("productId"));
        await client.EventuallyGetAsync($"/api/v1/storage-locations/{b.Id}/config", c => c["active"]?["productId"]?.GetValue<int>() == 12);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Movements_by_claro_and_product_find_or_open_the_lot_and_a_batch_request_answers_each_item(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(603);
        object[] batch =
        [
            new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 5, type = "plantar", quantity = 30 },
            new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 5, type = "muerte", quantity = 4 },
            new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 6, type = "muerte", quantity = 1 },
            new { movementId = Guid.NewGuid(), type = "plantar", quantity = 1 },
        ];
        using var response = await client.PostAsJsonAsync(Ledger.MovementsUrl, batch);
        var body = await response.JsonAsync((HttpStatusCode)207);

        var results = body["results"]!.AsArray();
        Assert.Equal([201, 201, 404, 400], results.Select(r => r!.Int("status")));
        Assert.Equal(26, results[1]!["movement"]!.Int("quantity"));
        Assert.Equal("batch-not-found", results[2]!["problem"]!.Str("type").Split('/')[^1]);
        Assert.Equal((2, 2), (body.Int("accepted"), body.Int("rejected")));
        var stock = await client.EventuallyGetAsync(Ledger.StockUrl(claro.Id), s => s.Int("total") == 26);
        Assert.Single(stock["batches"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_transplant_moves_plants_into_the_destination_lot_and_never_makes_or_loses_one(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var (from, to) = (Nursery.ClaroAt(604), Nursery.ClaroAt(605));
        var source = await Ledger.InitAsync(client, from.Id, 50);
        var movementId = Guid.NewGuid();

        using (var moved = await client.PostAsJsonAsync(Ledger.TransplantsUrl, new { movementId, fromBatchId = source, toStorageLocationId = to.Id, quantity = 20 }))
        {
            var body = await moved.JsonAsync(HttpStatusCode.Created);
            Assert.Equal(movementId.ToString(), body.Str("transplantId"));
            Assert.Equal("completed", body.Str("status"));
            Assert.False(string.IsNullOrEmpty(body.Str("toBatchId")));
        }

        using (var tooMany = await client.PostAsJsonAsync(Ledger.TransplantsUrl, new { movementId = Guid.NewGuid(), fromBatchId = source, toStorageLocationId = to.Id, quantity = 31 }))
        {
            Assert.Equal(30, (await tooMany.ProblemAsync(HttpStatusCode.Conflict, "insufficient-stock")).Int("available"));
        }

        using (var sameLot = await client.PostAsJsonAsync(Ledger.TransplantsUrl, new { movementId = Guid.NewGuid(), fromBatchId = source, toStorageLocationId = from.Id, quantity = 1 }))
        {
            await sameLot.ProblemAsync(HttpStatusCode.BadRequest, "same-lot");
        }

        Assert.Equal(30, (await client.EventuallyGetAsync(Ledger.StockUrl(from.Id), s => s.Int("total") == 30)).Int("total"));
        Assert.Equal(20, (await client.EventuallyGetAsync(Ledger.StockUrl(to.Id), s => s.Int("total") == 20)).Int("total"));
        var transplant = await client.EventuallyGetAsync($"{Ledger.TransplantsUrl}/{movementId}", t => t.Str("status") == "completed");
        Assert.Equal(20, transplant.Int("quantity"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Reading_a_transplant_left_unfinished_wakes_it_and_it_finishes(string backend)
    {
        var host = await hosts.GetAsync(backend);
        var (from, to) = (Nursery.ClaroAt(614), Nursery.ClaroAt(615));
        var source = Guid.Parse(await Ledger.InitAsync(host.Client, from.Id, 40));

        // Only the journal knows this transplant started (its node died right after): no region runs or remembers it,
        // and the unfinished-work sweep leaves it alone for its first minute.
        var transplantId = await InterruptedTransplants.WriteStartedAsync(host.Services.GetRequiredService<Akka.Actor.ActorSystem>(), source, to.Id, 15, TestLogin.Admin);

        // Projected as started before anyone asks, so the first GET finds the row and not the entity.
        var queries = host.Services.GetRequiredService<Demeter.Cluster.ReadModel.ReadModelQueries>();
        await Eventually.UntilAsync("the started transplant is projected", () => queries.TransplantAsync(transplantId), row => row is not null);

        var transplant = await host.Client.EventuallyGetAsync($"{Ledger.TransplantsUrl}/{transplantId}", t => t.Str("status") == "completed", TimeSpan.FromSeconds(45));
        Assert.Equal(15, transplant.Int("quantity"));
        Assert.Equal(25, (await host.Client.EventuallyGetAsync(Ledger.StockUrl(from.Id), s => s.Int("total") == 25)).Int("total"));
        Assert.Equal(15, (await host.Client.EventuallyGetAsync(Ledger.StockUrl(to.Id), s => s.Int("total") == 15)).Int("total"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Every_read_sees_the_writes_acknowledged_before_it(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(612);
        var batchId = await Ledger.InitAsync(client, claro.Id, 200);
        Assert.Equal(200, (await Ledger.StockAsync(client, claro.Id)).Int("total"));

        // Each read straight after its write, no polling: the read model must already hold the write.
        for (var i = 1; i <= 12; i++)
        {
            await Ledger.MoveAsync(client, batchId, "muerte", 1);
            Assert.Equal(200 - i, (await Ledger.StockAsync(client, claro.Id)).Int("total"));
            var movements = await (await client.GetAsync($"{Ledger.BatchUrl(batchId)}/movements?pageSize=100")).JsonAsync(HttpStatusCode.OK);
            Assert.Equal(i + 1, movements.Int("total"));
            var batch = await (await client.GetAsync(Ledger.BatchUrl(batchId))).JsonAsync(HttpStatusCode.OK);
            Assert.Equal((200 - i, i), (batch.Int("quantity"), batch.Int("emptyContainers")));
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_batch_reads_the_same_before_and_after_it_is_projected_and_lists_filter_and_page(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(606);
        var batchId = await Ledger.InitAsync(client, claro.Id, 12, productId: 3);
        var projected = await (await client.GetAsync(Ledger.BatchUrl(batchId))).JsonAsync(HttpStatusCode.OK);
        await Ledger.InitAsync(client, claro.Id, 5, productId: 4);

        var page = await (await client.GetAsync($"/api/v1/stock/batches?storageLocationId={claro.Id}&pageSize=1&page=2")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(2, page.Int("total"));
        Assert.Single(page["items"]!.AsArray());

        // A node whose read model never catches up answers from the entity, in the same shape.
        await using var data = await HostData.CreateAsync(backend, "unprojected");
        await using var unprojected = await ApiHost.StartAsync(data, "demeter.projection.enabled = off\ndemeter.projection.read-wait = 0s\n");
        using (var import = await unprojected.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await import.JsonAsync(HttpStatusCode.OK);
        }

        var early = await (await unprojected.Client.GetAsync(Ledger.BatchUrl(await Ledger.InitAsync(unprojected.Client, claro.Id, 12, productId: 3))))
            .JsonAsync(HttpStatusCode.OK);
        var listed = await (await unprojected.Client.GetAsync($"/api/v1/stock/batches?storageLocationId={claro.Id}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(0, listed.Int("total"));
        Assert.Equal(
            early.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal),
            projected.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        foreach (var field in new[] { "code", "storageLocationId", "productId", "status", "quantity", "quantityInitial", "emptyContainers" })
        {
            Assert.Equal(projected[field]?.ToJsonString(), early[field]?.ToJsonString());
        }

        var byProduct = await client.EventuallyGetAsync($"/api/v1/stock/batches?storageLocationId={claro.Id}&productId=3", p => p.Int("total") == 1);
        Assert.Equal(batchId, byProduct["items"]![0]!.Str("id"));
        using (var badPage = await client.GetAsync("/api/v1/stock/batches?pageSize=5000"))
        {
            await badPage.ProblemAsync(HttpStatusCode.BadRequest, "invalid-page-size");
        }

        using (var missing = await client.GetAsync(Ledger.BatchUrl(Guid.NewGuid().ToString())))
        {
            await missing.ProblemAsync(HttpStatusCode.NotFound, "batch-not-found");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_monthly_reconciliation_of_a_claro_returns_the_report(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(607);
        var batchId = await Ledger.InitAsync(client, claro.Id, 100);
        await Ledger.MoveAsync(client, batchId, "plantar", 10);
        await Ledger.MoveAsync(client, batchId, "muerte", 4);
        var now = DateTime.UtcNow;

        var report = await Eventually.UntilAsync(
            "the reconciliation sees the movements",
            async () =>
            {
                using var r = await client.PostAsJsonAsync("/api/v1/stock/reconciliations", new { storageLocationId = claro.Id, year = now.Year, month = now.Month });
                return await r.JsonAsync(HttpStatusCode.OK);
            },
            r => r.Int("planted") == 10 && r.Int("deaths") == 4);
        Assert.Equal(100, report.Int("initialised"));
        Assert.Equal(106, report.Int("expected"));
        Assert.Null(report["closing"]);
        Assert.Contains(report["flags"]!.AsArray(), f => f!.GetValue<string>().StartsWith("no-closing-count", StringComparison.Ordinal));

        using (var both = await client.PostAsJsonAsync("/api/v1/stock/reconciliations", new { storageLocationId = claro.Id, warehouseId = 29, year = now.Year, month = now.Month }))
        {
            await both.ProblemAsync(HttpStatusCode.BadRequest, "scope-required");
        }

        using (var badMonth = await client.PostAsJsonAsync("/api/v1/stock/reconciliations", new { warehouseId = 29, year = now.Year, month = 13 }))
        {
            await badMonth.ProblemAsync(HttpStatusCode.BadRequest, "invalid-period");
        }

        var warehouse = await Eventually.UntilAsync(
            "the warehouse report",
            async () =>
            {
                using var r = await client.PostAsJsonAsync("/api/v1/stock/reconciliations", new { warehouseId = claro.WarehouseId, year = now.Year, month = now.Month });
                return await r.JsonAsync(HttpStatusCode.OK);
            },
            r => r["storageLocations"]!.AsArray().Any(l => l!.Int("storageLocationId") == claro.Id));
        Assert.True(warehouse["expected"]!.GetValue<long>() >= 106);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task A_sales_csv_is_compared_with_the_stock_and_bad_lines_are_reported_by_number(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(608);
        await Ledger.InitAsync(client, claro.Id, 1000, productId: 8101);
        await client.EventuallyGetAsync(Ledger.StockUrl(claro.Id), s => s.Int("total") == 1000);
        var csv = "product_id,packaging_id,quantity_sold,sale_date\n8101,,850,2026-11-01\nSKU-X,,3,2026-11-02\n8101,,0,2026-11-03\n8101,,50,not-a-date\n";
        using var form = new MultipartFormDataContent { { new StringContent(csv), "file", "sales.csv" } };

        using var response = await client.PostAsync("/api/v1/stock/sales-comparisons", form);
        var body = await response.JsonAsync(HttpStatusCode.OK);

        Assert.Equal((1, 3), (body.Int("acceptedLines"), body.Int("rejectedLines")));
        Assert.Equal([3, 4, 5], body["errors"]!.AsArray().Select(e => e!.Int("line")));
        var row = body["report"]!["rows"]!.AsArray().Single(r => r!.Int("productId") == 8101)!;
        Assert.Equal((1000, 850, 150), (row.Int("stock"), row.Int("reportedSales"), row.Int("estimated")));
        Assert.Equal("low", row.Str("status"));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Bins_of_a_claro_register_change_status_and_take_plants_only_while_active(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var claro = Nursery.ClaroAt(609);
        string binId;
        using (var registered = await client.PostAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/bins", new { typeCode = "PLUG_TRAY_288", label = "tray A" }))
        {
            var bin = await registered.JsonAsync(HttpStatusCode.Created);
            Assert.Equal((288, "plug", "active"), (bin.Int("capacity"), bin.Str("category"), bin.Str("status")));
            binId = bin.Str("id");
        }

        using (var unknownType = await client.PostAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/bins", new { typeCode = "CRATE" }))
        {
            await unknownType.ProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-bin-type");
        }

        using (var planted = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 9, binId, type = "sembrar", quantity = 200 }))
        {
            await planted.JsonAsync(HttpStatusCode.Created);
        }

        using (var maintenance = await client.PatchAsJsonAsync($"/api/v1/storage-locations/{claro.Id}/bins/{binId}", new { status = "maintenance", reason = "repair" }))
        {
            Assert.Equal("maintenance", (await maintenance.JsonAsync(HttpStatusCode.OK)).Str("status"));
        }

        using (var refused = await client.PostAsJsonAsync(Ledger.MovementsUrl, new { movementId = Guid.NewGuid(), storageLocationId = claro.Id, productId = 10, binId, type = "sembrar", quantity = 1 }))
        {
            await refused.ProblemAsync(HttpStatusCode.Conflict, "bin-not-active");
        }

        var bins = await client.EventuallyGetAsync($"/api/v1/storage-locations/{claro.Id}/bins", b => b.AsArray().Count == 1 && b[0]!.Int("quantity") == 200);
        Assert.Single(bins[0]!["batchIds"]!.AsArray());
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task The_real_sowing_ledger_imports_once_and_a_second_run_changes_nothing(string backend)
    {
        var client = (await hosts.GetAsync(backend)).Client;
        var file = File.ReadAllBytes(Nursery.DataFile("seedling_sowing_ledger.csv"));
        async Task<JsonNode> ImportAsync()
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "seedling_sowing_ledger.csv" } };
            using var response = await client.PostAsync("/api/v1/stock/imports/sowing", form);
            return await response.JsonAsync(HttpStatusCode.OK);
        }

        var first = await ImportAsync();
        var lines = first.Int("lines");
        Assert.Equal(1334, lines);
        Assert.Equal(lines, first.Int("imported") + first.Int("alreadyImported") + first.Int("rejected"));
        Assert.True(first.Int("imported") > 1250);
        Assert.All(first["rejections"]!.AsArray(), r => Assert.False(string.IsNullOrWhiteSpace(r!.Str("reason"))));
        var place = first["places"]!["M6c1sur"]!.GetValue<int>();

        var second = await ImportAsync();
        Assert.Equal(0, second.Int("imported"));
        Assert.Equal(first.Int("imported"), second.Int("alreadyImported"));
        Assert.Equal(place, second["places"]!["M6c1sur"]!.GetValue<int>());

        var stock = await client.EventuallyGetAsync(Ledger.StockUrl(place), s => s.Int("total") > 0);
        Assert.Contains(stock["batches"]!.AsArray(), b => b!.Str("productName") == "Mammillaria camptotricha");
        var located = await (await client.GetAsync($"/api/v1/storage-locations/{place}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(("place", "M6C1SUR"), (located.Str("kind"), located.Str("code")));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ledger_routes_with_their_schemas_and_problems()
    {
        var client = (await hosts.GetAsync(Backend.Sqlite)).Client;

        var document = await (await client.GetAsync("/openapi/v1.json")).JsonAsync(HttpStatusCode.OK);

        var paths = document["paths"]!.AsObject();
        foreach (var path in new[]
                 {
                     "/api/v1/stock/movements", "/api/v1/stock/manual-init", "/api/v1/stock/transplants", "/api/v1/stock/reconciliations",
                     "/api/v1/stock/batches", "/api/v1/stock/batches/{id}", "/api/v1/stock/batches/{id}/movements", "/api/v1/storage-locations/{id}/config",
                     "/api/v1/storage-locations/{id}/stock",
                 })
        {
            Assert.True(paths.ContainsKey(path), $"{path} is missing from the OpenAPI document");
        }

        var manualInit = paths["/api/v1/stock/manual-init"]!["post"]!;
        Assert.NotNull(manualInit["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.NotNull(manualInit["responses"]!["201"]);
        Assert.NotNull(manualInit["responses"]!["409"]!["content"]!["application/problem+json"]);
        var schemas = document["components"]!["schemas"]!.AsObject();
        Assert.True(schemas.ContainsKey("ManualInitRequest") && schemas.ContainsKey("BatchResponse"), string.Join(", ", schemas.Select(s => s.Key)));
    }
}
