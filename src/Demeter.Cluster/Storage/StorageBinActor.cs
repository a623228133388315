using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Storage;

namespace Demeter.Cluster.Storage;

/// <summary>One physical container in a claro.</summary>
public sealed class StorageBinActor : DeciderEntity<StorageBinState, IStorageBinCommand, IStorageBinEvent>
{
    public StorageBinActor(Guid binId, int snapshotEvery)
        : base($"storage-bin-{binId:N}", StorageBinState.Empty(binId), snapshotEvery)
    {
        Command<IStorageBinCommand>(c => Handle(c, Sender));
    }

    public static Props Props(Guid binId, int snapshotEvery) => Akka.Actor.Props.Create(() => new StorageBinActor(binId, snapshotEvery));

    protected override Decision<IStorageBinEvent> Decide(StorageBinState state, IStorageBinCommand command) =>
        StorageBinDecider.Decide(state, command);

    protected override StorageBinState Evolve(StorageBinState state, IStorageBinEvent @event) =>
        StorageBinDecider.Evolve(state, @event);

    protected override object Reply(Decision<IStorageBinEvent> decision, StorageBinState state) =>
        new StorageBinReply(decision.Accepted, decision.Rejection?.Code, decision.Rejection?.Reason, state);
}
