namespace Demeter.Cluster.Inference;

/// <summary>
/// The inference worker's queue: bounded, and fair between photo sessions. Each session has its own line; a batch takes
/// one item from each line in turn, starting after the line the previous batch ended with, so a photo of 300 tiles
/// and one of 10 progress at the same rate and the small one is not kept waiting behind the big one.
/// </summary>
public sealed class FairTileQueue<T>(int capacity)
{
    private readonly Dictionary<Guid, Queue<T>> _lines = [];

    // Sessions in the order their turn comes round; a session joins at the end when its line opens.
    private readonly List<Guid> _turns = [];
    private int _next;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    public int Count { get; private set; }

    /// <summary>Sessions with something waiting.</summary>
    public int Sessions => _turns.Count;

    /// <summary>Queues <paramref name="item"/> in its session's line, unless the queue is full.</summary>
    public bool TryEnqueue(Guid session, T item)
    {
        if (Count >= Capacity)
        {
            return false;
        }

        if (!_lines.TryGetValue(session, out var line))
        {
            _lines[session] = line = new Queue<T>();
            _turns.Add(session);
        }

        line.Enqueue(item);
        Count++;
        return true;
    }

    /// <summary>Up to <paramref name="max"/> items, one per session in turn; those <paramref name="keep"/> refuses (expired ones) are dropped and given to <paramref name="dropped"/>.</summary>
    public List<T> TakeBatch(int max, Func<T, bool>? keep = null, Action<T>? dropped = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var batch = new List<T>(Math.Min(max, Count));
        while (batch.Count < max && _turns.Count > 0)
        {
            _next %= _turns.Count;
            var session = _turns[_next];
            var line = _lines[session];
            var item = line.Dequeue();
            Count--;
            if (line.Count == 0)
            {
                _lines.Remove(session);
                _turns.RemoveAt(_next);
            }
            else
            {
                _next++;
            }

            if (keep is null || keep(item))
            {
                batch.Add(item);
            }
            else
            {
                dropped?.Invoke(item);
            }
        }

        return batch;
    }
}
