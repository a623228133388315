using Demeter.Cluster.ReadModel;
using Demeter.Domain.Photos.Estimation;

namespace Demeter.Api.Map;

/// <summary>A warehouse on the nursery map: its size and what it holds.</summary>
public sealed record WarehouseMapProperties(
    int Id, string Name, string Code, double AreaM2, double CentroidLatitude, double CentroidLongitude,
    long StorageAreas, long StorageLocations, long Plants, long Batches, DateTimeOffset? LastPhotoAt, long SessionsNeedingAttention)
{
    public static WarehouseMapProperties From(WarehouseMapRow r) => new(
        r.Id, r.Name, r.Code, r.AreaM2, r.CentroidLat, r.CentroidLon, r.StorageAreas, r.StorageLocations, r.Plants, r.Batches, r.LastPhotoAt, r.SessionsNeedingAttention);
}

/// <summary>A storage area (cantero) of a warehouse, or a claro: <c>kind</c> tells them apart on one map.</summary>
public sealed record WarehouseFeatureProperties(
    string Kind,
    int Id,
    string Label,
    string Code,
    double? AreaM2,
    double? CentroidLatitude,
    double? CentroidLongitude,
    int? Ordinal,
    int? StorageAreaId,
    int? Row,
    int? Col,
    long? Plants,
    long? Batches,
    ClaroCountView? LatestCount,
    long? PreviousTotal,
    long? Change,
    double? ChangePercent,
    string? Trend)
{
    public static WarehouseFeatureProperties Area(StorageAreaMapRow a) =>
        new("storage_area", a.Id, a.Label, a.Code, a.AreaM2, a.CentroidLat, a.CentroidLon, a.Ordinal, null, null, null, null, null, null, null, null, null, null);

    public static WarehouseFeatureProperties Claro(ClaroMapRow c)
    {
        var latest = ClaroCountView.From(c);
        long? change = latest is not null && c.PreviousTotal is { } previous ? latest.Total - previous : null;
        return new(
            "storage_location",
            c.Id,
            c.Label,
            c.Code,
            c.AreaM2,
            c.CentroidLat,
            c.CentroidLon,
            null,
            c.StorageAreaId,
            c.RowNumber,
            c.ColNumber,
            c.Plants,
            c.Batches,
            latest,
            c.PreviousTotal,
            change,
            change is { } d && c.PreviousTotal is > 0 ? Math.Round(100.0 * d / c.PreviousTotal.Value, 1) : null,
            change switch { > 0 => "up", < 0 => "down", 0 => "flat", _ => null });
    }
}

/// <summary>A claro's latest completed count: when, how many, how sure, how good, and its photo.</summary>
public sealed record ClaroCountView(Guid SessionId, DateTimeOffset CapturedAt, long Total, int? ValidatedTotal, string? Confidence, SessionQuality Quality, string ThumbnailUrl)
{
    public static ClaroCountView? From(ClaroMapRow c) => c.LatestSessionId is { } id
        ? new ClaroCountView(
            id,
            c.LatestCapturedAt ?? default,
            c.LatestTotal ?? 0,
            c.LatestValidatedTotal,
            c.LatestConfidence,
            SessionQuality.OfPhoto(c.LatestConfidence, c.LatestPipelineMs, c.LatestAttempt ?? 1),
            $"/api/v1/photo-sessions/{id}/thumbnail")
        : null;
}

/// <summary>
/// One period of a claro's history: from the count before (null: since the ledger began) to the count that closes it
/// (<c>sessionId</c>), the movements booked in it, the quantities at both ends, and what the ledger cannot explain
/// (<c>unexplained</c> = final − initial − what was booked; negative: plants gone unbooked, usually sold).
/// </summary>
public sealed record ClaroPeriodView(
    Guid SessionId,
    DateTimeOffset? PeriodStart,
    DateTimeOffset PeriodEnd,
    long? InitialQuantity,
    long FinalQuantity,
    long? NetChange,
    long Planted,
    long Deaths,
    long TransplantedIn,
    long TransplantedOut,
    long Sold,
    long Adjusted,
    long? Unexplained)
{
    public static ClaroPeriodView From(ClaroPeriodRow r)
    {
        long? net = r.InitialTotal is { } initial ? r.FinalTotal - initial : null;
        var booked = r.Planted - r.Deaths + r.TransplantedIn - r.TransplantedOut - r.Sold + r.Adjusted;
        return new(
            r.SessionId, r.PeriodStart, r.PeriodEnd, r.InitialTotal, r.FinalTotal, net,
            r.Planted, r.Deaths, r.TransplantedIn, r.TransplantedOut, r.Sold, r.Adjusted, net is { } n ? n - booked : null);
    }
}
