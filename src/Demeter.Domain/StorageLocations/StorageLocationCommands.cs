using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Domain.StorageLocations;

/// <summary>A command addressed to one claro's stock entity.</summary>
public interface IStorageLocationCommand : IDemeterMessage
{
    int StorageLocationId { get; }
}

/// <summary>
/// Which lot a movement addressed by key means. The product is required (by catalog id, or by name for a
/// product that has none yet); omitted state, size and packaging mean "none"; <see cref="BinId"/> picks a
/// bin of the claro, else the newest active bin of <see cref="BinCategory"/> (segment when omitted).
/// </summary>
[Manifest("stock.batch-key-request.v1")]
public sealed record BatchKeyRequest(
    int? ProductId,
    string? ProductName,
    int? ProductStateId,
    int? ProductSizeId,
    int? PackagingId,
    Guid? BinId = null,
    StorageBinCategory? BinCategory = null) : IDemeterMessage
{
    public const int MaxProductNameLength = 200;
}

/// <summary>
/// A movement addressed by its grouping key rather than a batch id: the claro finds (or, for inbound
/// movements, creates) the bin and the batch, then books it there. <see cref="NewBatchId"/> and
/// <see cref="NewBinId"/> are fresh ids minted by the server, used only if something has to be created.
/// </summary>
[Manifest("stock.book-movement-by-key.v1")]
public sealed record BookMovementByKey(
    int StorageLocationId,
    Guid MovementId,
    MovementType Type,
    int Quantity,
    DateTimeOffset At,
    BatchKeyRequest Key,
    MovementDetails Details,
    Guid NewBatchId,
    Guid NewBinId) : IStorageLocationCommand;

/// <summary>The batch accepted a movement routed by key: the claro keeps its id and content against reuse.</summary>
[Manifest("stock.record-movement-routed.v1")]
public sealed record RecordMovementRouted(int StorageLocationId, Guid MovementId, long Fingerprint, Guid BatchId, MovementType Type, DateTimeOffset At)
    : IStorageLocationCommand;

/// <summary>A photo session's count of the claro as of its capture time (idempotent by session).</summary>
[Manifest("stock.book-photo-count.v1")]
public sealed record BookPhotoCount(
    int StorageLocationId, Guid SessionId, DateTimeOffset CapturedAt, int Counted, string User, DateTimeOffset At, IReadOnlyList<CategoryCount>? Categories = null)
    : IStorageLocationCommand;

/// <summary>
/// The plants a photo counted in the containers of one category (beds, boxes, trays): each category's count is booked
/// into the claro's lot in a bin of that category. The counts of a photo add up to its total.
/// </summary>
[Manifest("stock.category-count.v1")]
public sealed record CategoryCount(Storage.StorageBinCategory Category, int Count) : IDemeterMessage;

/// <summary>What the candidate batches held at the capture time (asked of each batch), with fresh movement ids for the split.</summary>
[Manifest("stock.apply-count-balances.v1")]
public sealed record ApplyCountBalances(
    int StorageLocationId, Guid SessionId, IReadOnlyList<BatchLedgerAt> Balances, IReadOnlyList<Guid> MovementIds, Guid NewBatchId, Guid NewBinId, DateTimeOffset At,
    IReadOnlyList<Guid>? NewBatchIds = null, IReadOnlyList<Guid>? NewBinIds = null)
    : IStorageLocationCommand;

/// <summary>A batch booked its part of a count.</summary>
[Manifest("stock.record-count-booked.v1")]
public sealed record RecordCountBooked(int StorageLocationId, Guid SessionId, Guid BatchId, CountOutcome Outcome, DateTimeOffset At) : IStorageLocationCommand;

/// <summary>The photo session acknowledged hearing that its count stands at <see cref="Status"/>.</summary>
[Manifest("stock.record-session-notified.v1")]
public sealed record RecordSessionNotified(int StorageLocationId, Guid SessionId, PhotoCountStatus Status, DateTimeOffset At) : IStorageLocationCommand;

[Manifest("stock.set-storage-location-config.v1")]
public sealed record SetStorageLocationConfig(
    int StorageLocationId,
    Guid ConfigId,
    ConfigMode Mode,
    int ProductId,
    int? PackagingId,
    int? ProductStateId,
    double? AreaCm2,
    string? Notes,
    string User,
    DateTimeOffset At) : IStorageLocationCommand;

[Manifest("stock.register-storage-bin.v1")]
public sealed record RegisterStorageBin(int StorageLocationId, Guid BinId, string TypeCode, string? Label, DateTimeOffset At) : IStorageLocationCommand;

[Manifest("stock.change-storage-bin-status.v1")]
public sealed record ChangeStorageBinStatus(int StorageLocationId, Guid BinId, StorageBinStatus Status, string? Reason, string User, DateTimeOffset At)
    : IStorageLocationCommand;

/// <summary>The batch archived itself: the claro stops routing its key to it.</summary>
[Manifest("stock.record-batch-archived.v1")]
public sealed record RecordBatchArchived(int StorageLocationId, Guid BatchId, DateTimeOffset At) : IStorageLocationCommand;

[Manifest("stock.get-storage-location.v1")]
public sealed record GetStorageLocation(int StorageLocationId) : IStorageLocationCommand;
