using Akka.Actor;

namespace Demeter.Cluster.Persistence;

/// <summary>
/// The message an entity passivates with. Unlike a PoisonPill, it is stashed while a persist is in flight, so an
/// entity that passivates right after a command still finishes persisting and replying before it stops.
/// </summary>
public sealed class StopEntity
{
    public static readonly StopEntity Instance = new();

    private StopEntity()
    {
    }

    public static void Handle(IActorContext context) => context.Stop(context.Self);
}
