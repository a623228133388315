using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Audit;

/// <summary>The auditor's routes through the real pipeline: answers from the journal, a read model found wrong and rebuilt.</summary>
public sealed class AuditTests
{
    public static TheoryData<string> Backends() => Backend.All();

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task An_auditor_reads_a_batchs_events_its_claro_at_a_moment_and_finds_and_repairs_a_wrong_read_model(string backend)
    {
        await using var data = await HostData.CreateAsync(backend, "audit");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        using (var imported = await client.PostAsync(Forms.ImportUrl, Forms.RealLayout()))
        {
            await imported.JsonAsync(HttpStatusCode.OK);
        }

        var claro = Nursery.ClaroAt(40).Id;
        var batchId = await Ledger.InitAsync(client, claro, 40);
        await Task.Delay(50);
        var beforeDeaths = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        await Ledger.MoveAsync(client, batchId, "muerte", 3, reason: "rot");
        Assert.Equal(37, (await Ledger.StockAsync(client, claro))["total"]!.GetValue<int>());

        var history = await (await client.GetAsync($"/api/v1/audit/history/stock-batch/{batchId}")).JsonAsync(HttpStatusCode.OK);
        var events = history["events"]!.AsArray();
        Assert.Equal(["stock.batch-opened.v1", "stock.movement-recorded.v2", "stock.movement-recorded.v2"], events.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e!["sequence"]!.GetValue<long>()));
        Assert.Equal("admin", events[2]!["user"]!.GetValue<string>());
        Assert.Equal("muerte -3 → 37 (rot)", events[2]!["effect"]!.GetValue<string>());
        Assert.StartsWith("opened LOC", events[0]!["effect"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.All(events, e => Assert.True(e!["writtenAt"]!.GetValue<DateTimeOffset>() > DateTimeOffset.UtcNow.AddMinutes(-5)));
        Assert.Equal(-3, events[2]!["event"]!["signedQuantity"]!.GetValue<int>());

        // The claro before the deaths and now, from the journal.
        var then = await (await client.GetAsync($"/api/v1/audit/stock/{claro}?at={Uri.EscapeDataString(beforeDeaths.ToString("O", CultureInfo.InvariantCulture))}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(40, then["recorded"]!.GetValue<int>());
        var thenBatch = Assert.Single(then["batches"]!.AsArray())!;
        Assert.Equal(2, thenBatch["events"]!.AsArray().Count);
        var now = await (await client.GetAsync($"/api/v1/audit/stock/{claro}?at={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddSeconds(1).ToString("O", CultureInfo.InvariantCulture))}")).JsonAsync(HttpStatusCode.OK);
        Assert.Equal(37, now["recorded"]!.GetValue<int>());
        Assert.Equal(37, now["effective"]!.GetValue<int>());
        Assert.Equal(3, Assert.Single(now["batches"]!.AsArray())!["events"]!.AsArray().Count);
        var empty = await (await client.GetAsync($"/api/v1/audit/stock/{claro}?at=2020-01-01T00:00:00Z")).JsonAsync(HttpStatusCode.OK);
        Assert.Empty(empty["batches"]!.AsArray());

        var verified = await (await client.GetAsync("/api/v1/audit/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.True(verified["consistent"]!.GetValue<bool>(), verified.ToJsonString());
        Assert.True(verified["streams"]!.GetValue<int>() >= 2);
        Assert.True(verified["batches"]!.GetValue<int>() >= 1);

        // Someone edits the read model by hand: verify names the batch, a rebuild from the journal puts it right.
        await host.CountAsync("UPDATE stock_batches SET quantity_current = 999 WHERE quantity_current = 37");
        var wrong = await (await client.GetAsync("/api/v1/audit/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.False(wrong["consistent"]!.GetValue<bool>());
        Assert.Contains(wrong["differences"]!.AsArray(), d => d!.GetValue<string>().Contains(batchId, StringComparison.OrdinalIgnoreCase));
        using (var unconfirmed = await client.PostAsJsonAsync("/api/v1/audit/rebuild", new { }))
        {
            await unconfirmed.ProblemAsync(HttpStatusCode.BadRequest, "confirmation-required");
        }

        using (var rebuild = await client.PostAsJsonAsync("/api/v1/audit/rebuild", new { confirm = "rebuild" }))
        {
            var rebuilt = await rebuild.JsonAsync(HttpStatusCode.OK);
            Assert.True(rebuilt["caughtUp"]!.GetValue<bool>());
        }

        var repaired = await (await client.GetAsync("/api/v1/audit/verification")).JsonAsync(HttpStatusCode.OK);
        Assert.True(repaired["consistent"]!.GetValue<bool>(), repaired.ToJsonString());
        Assert.Equal(37, (await Ledger.StockAsync(client, claro))["total"]!.GetValue<int>());

        // The layout came back too (the read model is rebuilt whole), and the users were never part of it.
        Assert.Equal(1290, (await host.LayoutCountsAsync()).StorageLocations);
        using var viewer = await host.ClientAsAsync("vera", "viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.GetAsync("/api/v1/audit/verification")).StatusCode);
    }

    [Fact]
    public async Task Bad_audit_requests_are_problems()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "audit-bad");
        await using var host = await ApiHost.StartAsync(data);
        var client = host.Client;
        await (await client.GetAsync("/api/v1/audit/history/plant/1")).ProblemAsync(HttpStatusCode.BadRequest, "invalid-entity");
        await (await client.GetAsync("/api/v1/audit/history/stock-batch/not-a-uuid")).ProblemAsync(HttpStatusCode.BadRequest, "invalid-entity");
        await (await client.GetAsync("/api/v1/audit/history/storage-location/-4")).ProblemAsync(HttpStatusCode.BadRequest, "invalid-entity");
        await (await client.GetAsync($"/api/v1/audit/history/stock-batch/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound, "no-events");
        await (await client.GetAsync("/api/v1/audit/stock/1291")).ProblemAsync(HttpStatusCode.BadRequest, "invalid-timestamp");
        await (await client.GetAsync("/api/v1/audit/stock/1291?at=yesterday")).ProblemAsync(HttpStatusCode.BadRequest, "invalid-timestamp");
    }
}
