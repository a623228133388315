using Demeter.Domain.Messaging;

namespace Demeter.Domain.Storage;

/// <summary>Rules of a storage bin: registered once in one claro, retired (never deleted).</summary>
public static class StorageBinDecider
{
    public static Decision<IStorageBinEvent> Decide(StorageBinState state, IStorageBinCommand command) => command switch
    {
        RegisterBin c when state.Exists && state.StorageLocationId == c.StorageLocationId && state.Category == c.Category =>
            Decision<IStorageBinEvent>.AlreadyDone(),
        RegisterBin when state.Exists =>
            Decision<IStorageBinEvent>.Reject("bin-already-exists", $"Bin {command.BinId} is already registered elsewhere or as another category."),
        RegisterBin c when c.StorageLocationId <= 0 =>
            Decision<IStorageBinEvent>.Reject("invalid-input", "A bin needs a storage location."),
        RegisterBin c => Decision<IStorageBinEvent>.Accept(new BinRegistered(c.BinId, c.StorageLocationId, c.Category, c.Label, c.At)),
        RetireBin when !state.Exists => Decision<IStorageBinEvent>.Reject("bin-not-found", $"Bin {command.BinId} does not exist."),
        RetireBin when !state.Active => Decision<IStorageBinEvent>.AlreadyDone(),
        RetireBin c => Decision<IStorageBinEvent>.Accept(new BinRetired(c.BinId, c.At)),
        _ => Decision<IStorageBinEvent>.AlreadyDone(),
    };

    public static StorageBinState Evolve(StorageBinState state, IStorageBinEvent @event) => @event switch
    {
        BinRegistered e => state with { Exists = true, StorageLocationId = e.StorageLocationId, Category = e.Category, Label = e.Label, Active = true },
        BinRetired => state with { Active = false },
        _ => state,
    };
}
