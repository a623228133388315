using System.Text.Json;
using Akka.Actor;
using Akka.Hosting;
using Demeter.Api.Auth;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.Hosting;
using Demeter.Cluster.Layout;
using Demeter.Domain.Layout;
using Demeter.Domain.Stock;
using Demeter.Domain.Stock.Sowing;
using Demeter.Domain.Storage;
using Demeter.Domain.StorageLocations;
using Demeter.Domain.Users;

namespace Demeter.Api.Stock;

public sealed record SowingLineOutcome(int Line, string Outcome, string? Reason, Guid? BatchId, int? StorageLocationId);

public sealed record SowingImportReport(
    int Lines, int Imported, int AlreadyImported, int Rejected, IReadOnlyList<SowingLineOutcome> Rejections, IReadOnlyDictionary<string, int?> Places);

/// <summary>
/// POST /api/v1/stock/imports/sowing: the nursery's sowing ledger (multipart CSV, as exported) booked as sembrar
/// (plantar for cuttings) movements into each place's seedling trays. Places the ledger names that are not claros
/// are registered as storage places. Re-running books nothing new: each line's movement id comes from its content.
/// With <c>Accept: application/x-ndjson</c> the answer streams progress lines, then the report.
/// </summary>
public static class SowingImportEndpoints
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxLines = 100_000;
    private const int Parallelism = 8;

    public static void MapSowingImportEndpoints(this RouteGroupBuilder stock)
    {
        stock.MapPost("/imports/sowing", ImportAsync).RequireRole(Role.Supervisor)
            .WithName("ImportSowingLedger")
            .WithSummary("Import the sowing ledger CSV as sembrar movements (idempotent); every line imported or reported with its reason")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<SowingImportReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .DisableAntiforgery();
    }

    private static async Task<IResult> ImportAsync(
        HttpContext http,
        IRequiredActor<ActorKeys.StorageLocationRegion> locations,
        IRequiredActor<ActorKeys.Layout> layout,
        NurserySettings nursery,
        CancellationToken ct)
    {
        var (rows, problem) = await CsvFiles.ReadUploadAsync(http.Request, MaxBytes, MaxLines, "the sowing ledger", ct);
        if (problem is not null)
        {
            return problem;
        }

        var read = SowingLedger.Read(rows!);
        if (read.HeaderLine == 0)
        {
            return Problem.Unprocessable("invalid-sowing-ledger", "No header row with the columns 'lugar' and 'genero' was found: this is not a sowing ledger.");
        }

        var labels = read.Entries.Select(e => e.Place).Distinct(StringComparer.Ordinal).ToList();
        var (places, placesProblem) = await layout.ActorRef.AskAsync<StoragePlacesReply>(new RegisterStoragePlaces(labels, DateTimeOffset.UtcNow), ct: ct);
        if (placesProblem is not null)
        {
            return placesProblem;
        }

        if (!places!.Accepted)
        {
            return Problem.Unprocessable(places.RejectionCode ?? "invalid-place", places.RejectionReason ?? "A place of the ledger cannot be registered.");
        }

        var stream = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/x-ndjson", StringComparison.OrdinalIgnoreCase));
        if (stream)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/x-ndjson";
            await http.Response.StartAsync(ct);
        }

        var outcomes = new SowingLineOutcome[read.Entries.Count];
        var done = 0;
        using var gate = new SemaphoreSlim(Parallelism);
        using var writeLock = new SemaphoreSlim(1);
        await Task.WhenAll(read.Entries.Select(async (entry, index) =>
        {
            await gate.WaitAsync(ct);
            try
            {
                outcomes[index] = await BookAsync(entry, places.StorageLocationIds.GetValueOrDefault(entry.Place), locations.ActorRef, nursery, http.User.UserName(), ct);
            }
            finally
            {
                gate.Release();
            }

            var count = Interlocked.Increment(ref done);
            if (stream && (count % 25 == 0 || count == outcomes.Length))
            {
                await writeLock.WaitAsync(ct);
                try
                {
                    await WriteLineAsync(http, new { type = "progress", done = count, total = outcomes.Length }, ct);
                }
                finally
                {
                    writeLock.Release();
                }
            }
        }));

        var rejected = read.Rejected.Select(r => new SowingLineOutcome(r.Line, "rejected", r.Reason, null, null))
            .Concat(outcomes.Where(o => o.Outcome == "rejected"))
            .OrderBy(o => o.Line)
            .ToList();
        var report = new SowingImportReport(
            read.Entries.Count + read.Rejected.Count,
            outcomes.Count(o => o.Outcome == "imported"),
            outcomes.Count(o => o.Outcome == "already-imported"),
            rejected.Count,
            rejected,
            places.StorageLocationIds);
        if (!stream)
        {
            return Results.Ok(report);
        }

        await WriteLineAsync(http, new { type = "report", report }, ct);
        return Results.Empty;
    }

    private static async Task<SowingLineOutcome> BookAsync(SowingEntry entry, int? location, IActorRef locations, NurserySettings nursery, string user, CancellationToken ct)
    {
        if (location is not { } id)
        {
            return new SowingLineOutcome(entry.Line, "rejected", $"the place '{entry.Place}' could not be registered", null, null);
        }

        // As of the sowing month (midnight of its first day in the nursery); a line without a date as of now.
        var at = entry.SownOn is { } sown
            ? new DateTimeOffset(sown.ToDateTime(TimeOnly.MinValue), nursery.TimeZone.GetUtcOffset(sown.ToDateTime(TimeOnly.MinValue)))
            : DateTimeOffset.UtcNow;
        var command = new BookMovementByKey(
            id, entry.MovementId, entry.Type, entry.Quantity, at,
            new BatchKeyRequest(null, entry.ProductName, null, null, null, null, StorageBinCategory.SeedlingTray),
            new MovementDetails(user, MovementSource.Import, Notes: entry.Notes),
            Guid.NewGuid(), Guid.NewGuid());
        var (reply, problem) = await locations.AskAsync<StockBatchReply>(command, ct: ct);
        if (problem is not null || reply is null)
        {
            return new SowingLineOutcome(entry.Line, "rejected", "the cluster did not answer in time; run the import again", null, id);
        }

        return reply.Outcome switch
        {
            BatchOutcome.Applied => new SowingLineOutcome(entry.Line, "imported", null, reply.BatchId, id),
            BatchOutcome.AlreadyApplied => new SowingLineOutcome(entry.Line, "already-imported", null, reply.BatchId, id),
            _ => new SowingLineOutcome(entry.Line, "rejected", $"{reply.RejectionCode}: {reply.RejectionReason}", null, id),
        };
    }

    private static async Task WriteLineAsync(HttpContext http, object line, CancellationToken ct)
    {
        await JsonSerializer.SerializeAsync(http.Response.Body, line, JsonBody.Options, ct);
        await http.Response.WriteAsync("\n", ct);
        await http.Response.Body.FlushAsync(ct);
    }
}
