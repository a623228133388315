using System.Globalization;
using System.Reflection;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Audit;

/// <summary>
/// What an event says to an auditor: its type (the manifest it is stored under), when it took effect, who did it, and
/// its effect in words. The ledger's events are told in full; any other event by its type, with the event itself beside
/// it in the entry.
/// </summary>
public static class AuditEvents
{
    public static (string Type, DateTimeOffset? EffectiveAt, string? User, string Effect) Describe(object e) => e switch
    {
        BatchOpened o => (TypeOf(e), o.At, null, $"opened {o.Identity.Code}: {Product(o.Identity.Key)} in claro {o.Identity.Key.StorageLocationId}"),
        MovementRecorded m => (TypeOf(e), m.At, m.Details.User, Movement(m)),
        BatchCounted c => (TypeOf(e), c.At, null,
            string.Create(CultureInfo.InvariantCulture, $"counted {c.Counted} (ledger {c.LedgerBefore}, booked {c.Booked:+0;-0;0}") +
            (c.Unbooked > 0 ? string.Create(CultureInfo.InvariantCulture, $", {c.Unbooked} not taken off: later movements had taken them") : string.Empty) + ")"),
        BatchCountSuperseded s => (TypeOf(e), s.At, null, string.Create(CultureInfo.InvariantCulture, $"count of {s.Counted} older than the latest count: no effect")),
        BatchArchived a => (TypeOf(e), a.At, a.User, "archived"),
        _ => (TypeOf(e), Property<DateTimeOffset?>(e, "At"), Property<string>(e, "User") ?? Property<string>(e, "RequestedBy"), Words(e.GetType().Name)),
    };

    /// <summary>The manifest an event is stored under (e.g. stock.movement-recorded.v2), or its type name.</summary>
    public static string TypeOf(object e) => e.GetType().GetCustomAttribute<ManifestAttribute>()?.Name ?? e.GetType().Name;

    private static string Movement(MovementRecorded m)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{m.Type.ToString().ToLowerInvariant()} {m.SignedQuantity:+0;-0;0} → {m.QuantityAfter}");
        if (m.Details.Reason is { Length: > 0 } reason)
        {
            text += $" ({reason})";
        }

        if (m.Details.SessionId is { } session)
        {
            text += $", photo session {session:D}";
        }

        if (m.Details.TransplantId is { } transplant)
        {
            text += $", transplant {transplant:D}";
        }

        return text;
    }

    private static string Product(BatchKey key) =>
        key.ProductId is { } id ? string.Create(CultureInfo.InvariantCulture, $"product {id}") : $"product '{key.ProductName}'";

    private static T? Property<T>(object e, string name) =>
        e.GetType().GetProperty(name)?.GetValue(e) is T value ? value : default;

    /// <summary>StorageLocationConfigured → "storage location configured".</summary>
    private static string Words(string typeName) =>
        string.Concat(typeName.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
