using Akka.Actor;
using Demeter.Cluster.Stock;
using Demeter.Domain.Stock.Transplants;

namespace Demeter.TestSupport;

/// <summary>
/// A transplant as its node's death left it: the journal says it started, and no region runs or remembers its entity,
/// so only something that asks it (a read, the unfinished-work sweep) can make it take its next step.
/// </summary>
internal static class InterruptedTransplants
{
    /// <summary>Journals the start of a transplant of <paramref name="quantity"/> plants and returns its id.</summary>
    public static async Task<Guid> WriteStartedAsync(ActorSystem system, Guid fromBatchId, int toStorageLocationId, int quantity, string user)
    {
        var start = new StartTransplant(
            Guid.NewGuid(), new TransplantRequest(fromBatchId, toStorageLocationId, quantity, null, null, null, null, null, null, user, null),
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow);
        var started = TransplantDecider.Decide(TransplantState.Empty(start.TransplantId), start);
        if (!started.Accepted)
        {
            throw new InvalidOperationException($"The transplant was refused: {started.Rejection}");
        }

        await JournalStreamWriters.WriteAllAsync(system, [(TransplantActor.PersistenceIdFor(start.TransplantId), started.Events.Cast<object>().ToList())], parallel: 1);
        return start.TransplantId;
    }
}
