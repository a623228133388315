using System.Globalization;
using Demeter.Cluster.Calibration;
using Demeter.Cluster.Catalog;
using Demeter.Cluster.Layout;
using Demeter.Cluster.Photos;
using Demeter.Cluster.Stock;
using Demeter.Cluster.StorageLocations;

namespace Demeter.Cluster.Audit;

/// <summary>The entity types an auditor can name, and the persistence id of one entity of each.</summary>
public static class AuditStreams
{
    public static readonly IReadOnlyList<string> Types =
        ["stock-batch", "storage-location", "transplant", "photo-session", "plant-size-calibration", "layout", "catalog"];

    /// <summary>The stream's persistence id, or the reason the type or id is not one.</summary>
    public static (string? PersistenceId, string? Error) PersistenceIdFor(string type, string id) => type switch
    {
        "stock-batch" => Guid.TryParse(id, out var batch) ? (StockBatchActor.PersistenceIdFor(batch), null) : (null, $"A stock-batch id is a UUID, not '{id}'."),
        "transplant" => Guid.TryParse(id, out var transplant) ? (TransplantActor.PersistenceIdFor(transplant), null) : (null, $"A transplant id is a UUID, not '{id}'."),
        "photo-session" => Guid.TryParse(id, out var session) ? (PhotoSessionActor.PersistenceIdFor(session), null) : (null, $"A photo-session id is a UUID, not '{id}'."),
        "storage-location" => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var claro) && claro > 0
            ? (StorageLocationActor.PersistenceIdFor(claro), null)
            : (null, $"A storage-location id is a positive whole number, not '{id}'."),
        "plant-size-calibration" => id.Length is > 0 and <= 200 ? (PlantSizeCalibrationActor.PersistenceIdFor(id), null) : (null, "A calibration key is 1 to 200 characters."),
        "layout" => (LayoutActor.Id, null),
        "catalog" => (CatalogActor.Id, null),
        _ => (null, $"Unknown entity type '{type}': the types are {string.Join(", ", Types)}."),
    };
}
