using Demeter.Domain.Messaging;

namespace Demeter.Domain.Storage;

public interface IStorageBinCommand : IDemeterMessage
{
    Guid BinId { get; }
}

public interface IStorageBinEvent : IDomainEvent
{
    Guid BinId { get; }
}

[Manifest("bin.register.v1")]
public sealed record RegisterBin(Guid BinId, int StorageLocationId, StorageBinCategory Category, string Label, DateTimeOffset At)
    : IStorageBinCommand;

[Manifest("bin.retire.v1")]
public sealed record RetireBin(Guid BinId, DateTimeOffset At) : IStorageBinCommand;

[Manifest("bin.get.v1")]
public sealed record GetBin(Guid BinId) : IStorageBinCommand;

[Manifest("bin.registered.v1")]
public sealed record BinRegistered(Guid BinId, int StorageLocationId, StorageBinCategory Category, string Label, DateTimeOffset At)
    : IStorageBinEvent;

[Manifest("bin.retired.v1")]
public sealed record BinRetired(Guid BinId, DateTimeOffset At) : IStorageBinEvent;

/// <summary>One physical container in a claro; also its snapshot and reply.</summary>
[Manifest("bin.state.v1")]
public sealed record StorageBinState(Guid BinId, bool Exists, int StorageLocationId, StorageBinCategory Category, string Label, bool Active)
    : IDemeterMessage
{
    public static StorageBinState Empty(Guid binId) => new(binId, false, 0, StorageBinCategory.Segment, "", false);
}

[Manifest("bin.reply.v1")]
public sealed record StorageBinReply(bool Accepted, string? RejectionCode, string? RejectionReason, StorageBinState Bin) : IDemeterMessage;
