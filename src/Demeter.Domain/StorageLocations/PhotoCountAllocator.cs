using Demeter.Domain.Stock;
using Demeter.Domain.Storage;

namespace Demeter.Domain.StorageLocations;

/// <summary>How a photo count of a claro is split over its batches, or why it cannot be yet.</summary>
public sealed record CountPlan(string? NeedsConfig, IReadOnlyList<(Guid BatchId, int Target)> Targets, int? NewBatchTarget)
{
    public static CountPlan WaitForConfig(string reason) => new(reason, [], null);
}

/// <summary>
/// Which batches a photo count verifies and what each is to hold as of the capture time. The claro's config
/// decides product and packaging: its batches of that product (and pot) are the candidates; without a config
/// every open batch is. Of the candidates, those that held plants at the capture time are the count's batches:
/// <list type="bullet">
/// <item>none held any: the count goes to the only candidate, or to a new batch when there is none; several
/// candidates without a config cannot be told apart, so the count waits for a config;</item>
/// <item>one held plants: it holds the count;</item>
/// <item>several held plants: without a config the count waits for one; with a config, a count above the
/// ledger adds the difference to the configured lot (else the largest), and a count below it takes the
/// difference off in proportion to what each held (largest remainders first, so the parts add up exactly).</item>
/// </list>
/// </summary>
public static class PhotoCountAllocator
{
    /// <summary>The batches a count may verify; with <paramref name="category"/>, only those in bins of that container category.</summary>
    public static IReadOnlyList<BatchEntry> Candidates(StorageLocationState state, StorageBinCategory? category = null)
    {
        var config = state.ActiveConfig;
        return state.OpenBatches
            .Where(b => config is null
                || (b.Identity.Key.ProductId == config.ProductId && (config.PackagingId is null || b.Identity.Key.PackagingId == config.PackagingId)))
            .Where(b => category is null || (state.Bins.TryGetValue(b.Identity.Key.BinId, out var bin) && bin.Category == category))
            .ToList();
    }

    /// <summary>The plan of <paramref name="counted"/> plants over the candidates (of one container category, when given).</summary>
    public static CountPlan Plan(StorageLocationState state, int counted, IReadOnlyList<BatchLedgerAt> balances, StorageBinCategory? category = null)
    {
        var config = state.ActiveConfig;
        var byId = balances.ToDictionary(b => b.BatchId);
        var candidates = Candidates(state, category).Where(c => !byId.TryGetValue(c.BatchId, out var b) || !b.Archived).ToList();
        int Held(BatchEntry c) => byId.TryGetValue(c.BatchId, out var b) && b.Exists ? Math.Max(0, b.BalanceAt) : 0;
        var active = candidates.Where(c => Held(c) > 0).ToList();

        if (active.Count == 0)
        {
            if (counted == 0)
            {
                return new CountPlan(null, candidates.Select(c => (c.BatchId, 0)).ToList(), null);
            }

            if (candidates.Count == 0)
            {
                return new CountPlan(null, [], counted);
            }

            if (candidates.Count > 1 && config is null)
            {
                return CountPlan.WaitForConfig(
                    $"The claro has {candidates.Count} open batches and no configuration, so the photo cannot tell which one it counts: set the claro's configuration.");
            }

            var recipient = PreferredOrFirst(candidates, config, c => 0);
            return new CountPlan(null, [(recipient.BatchId, counted)], null);
        }

        if (active.Count > 1 && config is null)
        {
            return CountPlan.WaitForConfig(
                $"The claro held {active.Count} active batches ({string.Join(", ", active.Select(a => a.Identity.Code))}) at the capture time " +
                "and has no configuration, so the photo cannot tell which one it counts: set the claro's configuration.");
        }

        long held = active.Sum(Held);
        var difference = counted - held;
        if (difference >= 0)
        {
            var recipient = PreferredOrFirst(active, config, Held);
            return new CountPlan(null, active.Select(a => (a.BatchId, a.BatchId == recipient.BatchId ? (int)(Held(a) + difference) : Held(a))).ToList(), null);
        }

        // Proportional shares of what is missing, floored, then the remainder one by one to the largest fractions.
        var missing = -difference;
        var shares = active
            .Select((a, index) =>
            {
                var exact = (decimal)missing * Held(a) / held;
                var floor = (long)Math.Floor(exact);
                return (Entry: a, Index: index, Share: floor, Fraction: exact - floor);
            })
            .ToList();
        var remainder = missing - shares.Sum(s => s.Share);
        var order = shares
            .OrderByDescending(s => s.Fraction)
            .ThenByDescending(s => Held(s.Entry))
            .ThenBy(s => s.Index)
            .Select(s => s.Entry.BatchId)
            .Take((int)remainder)
            .ToHashSet();
        return new CountPlan(
            null,
            shares.Select(s => (s.Entry.BatchId, (int)(Held(s.Entry) - s.Share - (order.Contains(s.Entry.BatchId) ? 1 : 0)))).ToList(),
            null);
    }

    /// <summary>The batch of the configured lot when there is one, else the one that held most (the earliest on a tie).</summary>
    private static BatchEntry PreferredOrFirst(IReadOnlyList<BatchEntry> batches, StorageLocationConfig? config, Func<BatchEntry, int> held)
    {
        if (config is not null && batches.FirstOrDefault(b =>
                b.Identity.Key.ProductId == config.ProductId && b.Identity.Key.PackagingId == config.PackagingId
                && b.Identity.Key.ProductStateId == config.ProductStateId) is { } configured)
        {
            return configured;
        }

        var most = batches.Max(held);
        return batches.First(b => held(b) == most);
    }
}
