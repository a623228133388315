using Demeter.Domain.Messaging;

namespace Demeter.Domain.Layout;

/// <summary>
/// Each event carries the full record: a later registration of the same id replaces it whole, so replay
/// needs no merge rules and a changed polygon is visible in the journal as it was.
/// </summary>
public interface ILayoutEvent : IDomainEvent
{
    DateTimeOffset At { get; }
}

[Manifest("layout.warehouse-registered.v1")]
public sealed record WarehouseRegistered(Warehouse Warehouse, DateTimeOffset At) : ILayoutEvent;

[Manifest("layout.storage-area-registered.v1")]
public sealed record StorageAreaRegistered(StorageArea StorageArea, DateTimeOffset At) : ILayoutEvent;

[Manifest("layout.storage-location-registered.v1")]
public sealed record StorageLocationRegistered(StorageLocation StorageLocation, DateTimeOffset At) : ILayoutEvent;

[Manifest("layout.storage-place-registered.v1")]
public sealed record StoragePlaceRegistered(StoragePlace StoragePlace, DateTimeOffset At) : ILayoutEvent;
