namespace Demeter.Cluster.Persistence;

/// <summary>
/// The message an entity passivates with. Unlike a PoisonPill, the entity stops only after every write in flight
/// is confirmed and its replies are sent (see <see cref="DeciderEntity{TState, TCommand, TEvent}"/>), so an entity
/// that passivates right after a command still finishes persisting and replying.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();

    private StopEntity()
    {
    }
}
