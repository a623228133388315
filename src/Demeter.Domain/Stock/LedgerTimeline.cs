using System.Collections.Immutable;

namespace Demeter.Domain.Stock;

/// <summary>One change of a batch's quantity at its effective time.</summary>
public sealed record LedgerEntry(DateTimeOffset At, int Delta);

/// <summary>
/// What a batch held over time since its latest count: every change after that count, in time order, ending at
/// the current quantity. History before the latest count is frozen (an older count changes nothing), so nothing
/// older is ever needed to answer "what did the ledger say at T". Every question is answered from the newest
/// entry backwards: a photo's capture time is recent, so only the few entries after it are read, and a movement
/// booked now reads none.
/// </summary>
public static class LedgerTimeline
{
    /// <summary>
    /// At most this many changes are kept; older ones fold into the frozen past. A count older than the fold would
    /// need more than this many movements on one batch between a photo and its booking.
    /// </summary>
    public const int MaxEntries = 2000;

    /// <summary>The balance at <paramref name="at"/>: the current quantity less every change after it.</summary>
    public static long BalanceAt(int current, ImmutableList<LedgerEntry> entries, DateTimeOffset at)
    {
        long balance = current;
        for (var i = entries.Count - 1; i >= 0 && entries[i].At > at; i--)
        {
            balance -= entries[i].Delta;
        }

        return balance;
    }

    /// <summary>
    /// The lowest balance from <paramref name="at"/> onwards (at <paramref name="at"/> itself and after each later
    /// change): how far every later balance could be lowered without any of them going below zero.
    /// </summary>
    public static long MinBalanceFrom(int current, ImmutableList<LedgerEntry> entries, DateTimeOffset at)
    {
        long balance = current;
        var min = balance;
        for (var i = entries.Count - 1; i >= 0 && entries[i].At > at; i--)
        {
            balance -= entries[i].Delta;
            min = Math.Min(min, balance);
        }

        return min;
    }

    /// <summary>Adds an entry after every entry at the same or an earlier time (stable order); in time order it is an append.</summary>
    public static ImmutableList<LedgerEntry> Insert(ImmutableList<LedgerEntry> entries, LedgerEntry entry)
    {
        var index = entries.Count;
        while (index > 0 && entries[index - 1].At > entry.At)
        {
            index--;
        }

        return index == entries.Count ? entries.Add(entry) : entries.Insert(index, entry);
    }

    /// <summary>The entries after <paramref name="at"/>; the rest fold into the frozen past.</summary>
    public static ImmutableList<LedgerEntry> After(ImmutableList<LedgerEntry> entries, DateTimeOffset at)
    {
        var keep = entries.Count;
        while (keep > 0 && entries[entries.Count - keep].At <= at)
        {
            keep--;
        }

        return keep == entries.Count ? entries : entries.RemoveRange(0, entries.Count - keep);
    }
}
