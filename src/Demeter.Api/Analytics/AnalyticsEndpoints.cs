using System.Globalization;
using Demeter.Api.Http;
using Demeter.Api.Problems;
using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Analytics;

/// <summary>
/// Analyses of the read model: stock grouped by a dimension with its price-list value, the same over time, and
/// movement summaries per period. Periods are UTC days, ISO weeks (from Monday) or months.
/// </summary>
public static class AnalyticsEndpoints
{
    /// <summary>The longest history one request may ask for: a year of days, or ten years of months.</summary>
    public const int MaxPeriods = 400;

    public static void MapAnalyticsEndpoints(this IEndpointRouteBuilder app)
    {
        var analytics = app.MapGroup("/api/v1/analytics").WithTags("Analytics").WithReadYourWrites();
        analytics.MapGet("/stock", StockAsync)
            .WithName("AnalyseStock")
            .WithSummary("Plants in stock grouped by warehouse, storage_area, storage_location, category, family, product, product_state, product_size or packaging, with their price-list value")
            .Produces<StockAnalysis>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        analytics.MapGet("/stock/history", HistoryAsync)
            .WithName("AnalyseStockHistory")
            .WithSummary("Plants in stock per group at the end of each period from `from` to `to` (day, week or month), rebuilt from the movements")
            .Produces<StockHistory>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        analytics.MapGet("/movements", MovementsAsync)
            .WithName("AnalyseMovements")
            .WithSummary("Movements per period and type (and group, if asked): how many, plants in, plants out, net")
            .Produces<MovementSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> StockAsync(string? groupBy, int? warehouseId, int? storageLocationId, int? productId, int? packagingId, int? categoryId, AnalyticsQueries queries, CancellationToken ct)
    {
        if (Parse(groupBy ?? "product", out var by) is { } bad)
        {
            return bad;
        }

        if (Filter(warehouseId, storageLocationId, productId, packagingId, categoryId, out var filter) is { } invalid)
        {
            return invalid;
        }

        var rows = await queries.StockAsync(by, filter, ct);
        var groups = rows.Select(r => new StockGroupView(r.GroupKey, r.Label, r.Plants, r.Batches, r.StorageLocations, r.Value, r.Unpriced)).ToList();
        return Results.Ok(new StockAnalysis(
            Name(by),
            groups,
            new StockGroupView(null, "total", groups.Sum(g => g.Plants), groups.Sum(g => g.Batches), groups.Sum(g => g.StorageLocations), groups.Sum(g => g.Value ?? 0), groups.Sum(g => g.UnpricedPlants))));
    }

    private static async Task<IResult> HistoryAsync(
        string? groupBy, DateTimeOffset? from, DateTimeOffset? to, string? interval, int? warehouseId, int? storageLocationId, int? productId, int? packagingId, int? categoryId,
        AnalyticsQueries queries, CancellationToken ct)
    {
        if (Parse(groupBy ?? "warehouse", out var by) is { } bad)
        {
            return bad;
        }

        if (Range(from, to, interval, out var range) is { } badRange)
        {
            return badRange;
        }

        if (Filter(warehouseId, storageLocationId, productId, packagingId, categoryId, out var filter) is { } invalid)
        {
            return invalid;
        }

        var (days, before) = await queries.StockHistoryAsync(by, filter, range.From, range.To, ct);
        var periods = range.Periods();
        var labels = before.Where(b => b.GroupKey is not null).ToDictionary(b => b.GroupKey!, b => b.Label);
        foreach (var d in days.Where(d => d.GroupKey is not null))
        {
            labels[d.GroupKey!] = d.Label;
        }

        var series = labels.Keys.Order(StringComparer.Ordinal).Select(key =>
        {
            var level = before.FirstOrDefault(b => b.GroupKey == key)?.Plants ?? 0;
            var changes = days.Where(d => d.GroupKey == key).ToLookup(d => range.PeriodOf(DateOnly.ParseExact(d.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture)), d => d.Net);
            var points = new List<StockPoint>();
            foreach (var period in periods)
            {
                level += changes[period].Sum();
                points.Add(new StockPoint(period, level));
            }

            return new StockSeries(key, labels[key], points);
        }).ToList();
        return Results.Ok(new StockHistory(Name(by), range.Interval, range.From, range.To, series));
    }

    private static async Task<IResult> MovementsAsync(
        string? groupBy, DateTimeOffset? from, DateTimeOffset? to, string? interval, int? warehouseId, int? storageLocationId, int? productId, int? packagingId, int? categoryId,
        AnalyticsQueries queries, CancellationToken ct)
    {
        StockDimension? by = null;
        if (groupBy is not null)
        {
            if (Parse(groupBy, out var parsed) is { } bad)
            {
                return bad;
            }

            by = parsed;
        }

        if (Range(from, to, interval, out var range) is { } badRange)
        {
            return badRange;
        }

        if (Filter(warehouseId, storageLocationId, productId, packagingId, categoryId, out var filter) is { } invalid)
        {
            return invalid;
        }

        var rows = await queries.MovementsAsync(by, filter, range.From, range.To, ct);
        var summary = rows
            .GroupBy(r => (Period: range.PeriodOf(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture)), r.MovementType, Key: by is null ? null : r.GroupKey))
            .Select(g => new MovementSummaryRow(
                g.Key.Period, g.Key.MovementType, g.Key.Key, by is null ? null : g.First().Label, g.Sum(r => r.Movements), g.Sum(r => r.PlantsIn), g.Sum(r => r.PlantsOut), g.Sum(r => r.PlantsIn - r.PlantsOut)))
            .OrderBy(r => r.Period).ThenBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return Results.Ok(new MovementSummary(by is null ? null : Name(by.Value), range.Interval, range.From, range.To, summary));
    }

    private static IResult? Parse(string text, out StockDimension by)
    {
        foreach (var candidate in Enum.GetValues<StockDimension>())
        {
            if (Name(candidate) == text)
            {
                by = candidate;
                return null;
            }
        }

        by = default;
        return Problem.BadRequest("invalid-group", $"groupBy is one of {string.Join(", ", Enum.GetValues<StockDimension>().Select(Name))}.");
    }

    public static string Name(StockDimension by) => by switch
    {
        StockDimension.StorageArea => "storage_area",
        StockDimension.StorageLocation => "storage_location",
        StockDimension.ProductState => "product_state",
        StockDimension.ProductSize => "product_size",
        _ => by.ToString().ToLowerInvariant(),
    };

    public static IResult? Filter(int? warehouseId, int? storageLocationId, int? productId, int? packagingId, int? categoryId, out AnalyticsFilter filter)
    {
        filter = new AnalyticsFilter(warehouseId, storageLocationId, productId, packagingId, categoryId);
        return new[] { warehouseId, storageLocationId, productId, packagingId, categoryId }.Any(v => v is <= 0)
            ? Problem.BadRequest("warehouseId, storageLocationId, productId, packagingId and categoryId are positive integers.")
            : null;
    }

    private static IResult? Range(DateTimeOffset? from, DateTimeOffset? to, string? interval, out PeriodRange range)
    {
        var end = to ?? DateTimeOffset.UtcNow;
        var kind = interval ?? "day";
        var start = from ?? (kind == "month" ? end.AddMonths(-12) : kind == "week" ? end.AddDays(-7 * 26) : end.AddDays(-30));
        range = new PeriodRange(start, end, kind);
        if (kind is not ("day" or "week" or "month"))
        {
            return Problem.BadRequest("invalid-interval", "interval is day, week or month.");
        }

        if (start >= end)
        {
            return Problem.BadRequest("from (inclusive) is before to (exclusive).");
        }

        return range.Periods().Count > MaxPeriods
            ? Problem.BadRequest("range-too-long", $"At most {MaxPeriods} periods per request; use a longer interval or a shorter range.")
            : null;
    }
}

/// <summary>A range cut into periods, each named by its first day (UTC).</summary>
public sealed record PeriodRange(DateTimeOffset From, DateTimeOffset To, string Interval)
{
    public DateOnly PeriodOf(DateOnly day) => Interval switch
    {
        "month" => new DateOnly(day.Year, day.Month, 1),
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => day,
    };

    public IReadOnlyList<DateOnly> Periods()
    {
        var periods = new List<DateOnly>();
        var last = DateOnly.FromDateTime(To.UtcDateTime.AddTicks(-1));
        for (var p = PeriodOf(DateOnly.FromDateTime(From.UtcDateTime)); p <= last && periods.Count <= AnalyticsEndpoints.MaxPeriods; p = Next(p))
        {
            periods.Add(p);
        }

        return periods;
    }

    private DateOnly Next(DateOnly period) => Interval switch
    {
        "month" => period.AddMonths(1),
        "week" => period.AddDays(7),
        _ => period.AddDays(1),
    };
}

/// <summary>Stock grouped by one dimension: each group's plants, batches, claros and value (plants without a price are counted apart), and the total.</summary>
public sealed record StockAnalysis(string GroupBy, IReadOnlyList<StockGroupView> Groups, StockGroupView Total);

/// <summary>One group: its key (an id, or a product name for uncatalogued lots; null when the dimension is not set) and label.</summary>
public sealed record StockGroupView(string? Key, string? Label, long Plants, long Batches, long StorageLocations, decimal? Value, long UnpricedPlants);

public sealed record StockHistory(string GroupBy, string Interval, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<StockSeries> Series);

public sealed record StockSeries(string Key, string? Label, IReadOnlyList<StockPoint> Points);

/// <summary>Plants in stock at the end of the period that starts on <c>period</c>.</summary>
public sealed record StockPoint(DateOnly Period, long Plants);

public sealed record MovementSummary(string? GroupBy, string Interval, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MovementSummaryRow> Rows);

public sealed record MovementSummaryRow(DateOnly Period, string Type, string? Key, string? Label, long Movements, long PlantsIn, long PlantsOut, long Net);
