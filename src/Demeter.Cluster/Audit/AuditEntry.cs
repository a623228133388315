using System.Text.Json;

namespace Demeter.Cluster.Audit;

/// <summary>
/// One event of an entity's stream as an auditor reads it: its place in the stream and in the journal, when it was
/// written and when it took effect (a photo's count takes effect at its capture time), who did it, what it did, and the
/// event itself.
/// </summary>
public sealed record AuditEntry(
    long Sequence, long Ordering, DateTimeOffset? WrittenAt, DateTimeOffset? EffectiveAt, string Type, string? User, string Effect, JsonElement Event);

/// <summary>An entity's whole stream.</summary>
public sealed record AuditHistory(string EntityType, string Id, string PersistenceId, IReadOnlyList<AuditEntry> Events);

/// <summary>One batch of a claro at a moment: its quantity then, and the events that made it.</summary>
public sealed record BatchAsOf(Guid BatchId, string Code, int? ProductId, string? ProductName, string Status, int Quantity, IReadOnlyList<AuditEntry> Events);

/// <summary>
/// A claro's stock at a moment, rebuilt from the journal. <see cref="Recorded"/> is what the ledger held at that moment
/// (events written up to it); <see cref="Effective"/> is the stock at that moment by every movement known now
/// (including counts and movements booked later with an earlier effective time).
/// </summary>
public sealed record StockAsOf(int StorageLocationId, DateTimeOffset At, int Recorded, int Effective, IReadOnlyList<BatchAsOf> Batches);

/// <summary>
/// What `audit verify` found: the streams and events replayed, and the batches compared with the read model at the
/// ordering its projector had applied (<see cref="ComparedAtOrdering"/>; the journal may be ahead of it), with every difference.
/// </summary>
public sealed record AuditVerification(int Streams, long Events, int Batches, long JournalOrdering, long ComparedAtOrdering, IReadOnlyList<string> Differences)
{
    public bool Consistent => Differences.Count == 0;
}
