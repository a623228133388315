using Akka.Actor;
using Akka.Persistence;

namespace Demeter.TestSupport;

/// <summary>
/// Writes one entity's history straight into the journal, in order, as the entity itself would have persisted it
/// (through the journal's event adapters, so the events are tagged for the projector), then stops.
/// </summary>
internal sealed class JournalStreamWriter : ReceivePersistentActor
{
    /// <summary>Events per journal write: one multi-row insert each.</summary>
    private const int Chunk = 500;

    public JournalStreamWriter(string persistenceId, IReadOnlyList<object> events, TaskCompletionSource done)
    {
        PersistenceId = persistenceId;
        var chunks = events.Chunk(Chunk).ToList();
        var written = 0;
        Command<int>(i => PersistAll(chunks[i], e =>
        {
            if (!ReferenceEquals(e, chunks[i][^1]))
            {
                return;
            }

            if (++written < chunks.Count)
            {
                Self.Tell(written);
                return;
            }

            done.TrySetResult();
            Context.Stop(Self);
        }));
    }

    public override string PersistenceId { get; }

    protected override void PreStart() => Self.Tell(0);
}

/// <summary>Writes many entities' histories at once, each with its own <see cref="JournalStreamWriter"/>.</summary>
internal static class JournalStreamWriters
{
    /// <summary>Writes every stream, <paramref name="parallel"/> writers at a time.</summary>
    public static async Task WriteAllAsync(ActorSystem system, IEnumerable<(string PersistenceId, IReadOnlyList<object> Events)> streams, int parallel)
    {
        using var slots = new SemaphoreSlim(parallel);
        var pending = new List<Task>();
        foreach (var (id, events) in streams)
        {
            await slots.WaitAsync();
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            system.ActorOf(Props.Create(() => new JournalStreamWriter(id, events, done)));
            pending.Add(done.Task.ContinueWith(_ => slots.Release(), TaskScheduler.Default));
        }

        await Task.WhenAll(pending);
    }
}
