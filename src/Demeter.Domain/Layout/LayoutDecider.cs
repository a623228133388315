using Demeter.Domain.Messaging;

namespace Demeter.Domain.Layout;

/// <summary>
/// Import rules. Re-parenting an existing id (a claro moved to another cantero, a cantero to another nave)
/// is allowed when the result stays consistent, because correcting a mislabelled claro is a real need and
/// its id, and so its stock, stays the same. What is rejected is a result that would be inconsistent:
/// an unknown parent, a location whose warehouse disagrees with its area's, or a duplicate code. One bad
/// entry rejects the whole import, so the layout never holds half of a file.
/// </summary>
public static class LayoutDecider
{
    /// <summary>How many problems a rejection spells out; the rest are counted.</summary>
    private const int ReportedProblems = 5;

    public static Decision<ILayoutEvent> Decide(LayoutState state, ILayoutCommand command) => command switch
    {
        ImportLayout import => Import(state, import),
        RegisterStoragePlaces places => RegisterPlaces(state, places),
        _ => throw new ArgumentException($"Unknown layout command {command.GetType().Name}.", nameof(command)),
    };

    public static LayoutState Evolve(LayoutState state, ILayoutEvent @event) => @event switch
    {
        WarehouseRegistered e => state with { Warehouses = state.Warehouses.SetItem(e.Warehouse.Id, e.Warehouse) },
        StorageAreaRegistered e => state with { StorageAreas = state.StorageAreas.SetItem(e.StorageArea.Id, e.StorageArea) },
        StorageLocationRegistered e => state with
        {
            StorageLocations = state.StorageLocations.SetItem(e.StorageLocation.Id, e.StorageLocation),
        },
        StoragePlaceRegistered e => state with { StoragePlaces = state.Places.SetItem(e.StoragePlace.Id, e.StoragePlace) },
        _ => throw new ArgumentException($"Unknown layout event {@event.GetType().Name}.", nameof(@event)),
    };

    private static Decision<ILayoutEvent> Import(LayoutState state, ImportLayout import)
    {
        var duplicates = LayoutIntegrity.DuplicateIds(import.Layout).ToList();
        if (duplicates.Count > 0) return Reject(duplicates);

        var reserved = import.Layout.StorageLocations.Where(l => l.Id >= StoragePlace.FirstId)
            .Select(l => new Rejection(LayoutIntegrity.ReservedIdCode, $"storage location id {l.Id} lies in the range the layout keeps for storage places (from {StoragePlace.FirstId})"))
            .ToList();
        if (reserved.Count > 0) return Reject(reserved);

        var layout = import.Layout;
        // Parents before children, so replaying the journal never sees a child before its parent.
        var events = new List<ILayoutEvent>();
        events.AddRange(layout.Warehouses.OrderBy(w => w.Id)
            .Where(w => !state.Warehouses.TryGetValue(w.Id, out var known) || known != w)
            .Select(w => new WarehouseRegistered(w, import.At)));
        events.AddRange(layout.StorageAreas.OrderBy(a => a.Id)
            .Where(a => !state.StorageAreas.TryGetValue(a.Id, out var known) || known != a)
            .Select(a => new StorageAreaRegistered(a, import.At)));
        events.AddRange(layout.StorageLocations.OrderBy(l => l.Id)
            .Where(l => !state.StorageLocations.TryGetValue(l.Id, out var known) || known != l)
            .Select(l => new StorageLocationRegistered(l, import.At)));
        if (events.Count == 0) return Decision<ILayoutEvent>.AlreadyDone();

        var problems = LayoutIntegrity.Problems(events.Aggregate(state, Evolve)).ToList();
        return problems.Count > 0 ? Reject(problems) : Decision<ILayoutEvent>.Accept(events);
    }

    private static Decision<ILayoutEvent> RegisterPlaces(LayoutState state, RegisterStoragePlaces command)
    {
        var known = state.Places.Values.ToDictionary(p => p.Code, StringComparer.Ordinal);
        var next = Math.Max(StoragePlace.FirstId, state.Places.Keys.DefaultIfEmpty(StoragePlace.FirstId - 1).Max() + 1);
        var events = new List<ILayoutEvent>();
        foreach (var label in command.Labels.Select(l => l.Trim()).Distinct(StringComparer.Ordinal))
        {
            var code = StoragePlace.CodeOf(label);
            if (code.Length == 0 || label.Length > StoragePlace.MaxLabelLength)
            {
                return Decision<ILayoutEvent>.Reject(LayoutIntegrity.InvalidPlaceCode, $"'{label}' cannot name a place: it needs letters or digits and at most {StoragePlace.MaxLabelLength} characters.");
            }

            if (known.ContainsKey(code) || ClaroCoded(state, label) is not null)
            {
                continue;
            }

            var place = new StoragePlace(next++, code, label);
            known[code] = place;
            events.Add(new StoragePlaceRegistered(place, command.At));
        }

        return events.Count == 0 ? Decision<ILayoutEvent>.AlreadyDone() : Decision<ILayoutEvent>.Accept(events);
    }

    /// <summary>The id stock is booked into for a place label (a registered place, or a claro whose code the label is).</summary>
    public static int? StorageLocationFor(LayoutState state, string label)
    {
        var code = StoragePlace.CodeOf(label);
        return state.Places.Values.FirstOrDefault(p => p.Code == code)?.Id ?? ClaroCoded(state, label)?.Id;
    }

    /// <summary>A claro whose code the label is (e.g. NAVE1-CANTERONORTE-CLARO11): a label naming a claro is that claro, not a new place.</summary>
    private static StorageLocation? ClaroCoded(LayoutState state, string label)
    {
        var code = label.Trim().ToUpperInvariant();
        return state.StorageLocations.Values.FirstOrDefault(l => l.Code == code);
    }

    private static Decision<ILayoutEvent> Reject(List<Rejection> problems)
    {
        var reason = string.Join("; ", problems.Take(ReportedProblems).Select(p => p.Reason));
        if (problems.Count > ReportedProblems) reason += $"; and {problems.Count - ReportedProblems} more";
        return Decision<ILayoutEvent>.Reject(problems[0].Code, reason);
    }
}
