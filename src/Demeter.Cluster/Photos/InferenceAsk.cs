using Akka.Actor;
using Demeter.Cluster.Inference;

namespace Demeter.Cluster.Photos;

/// <summary>
/// Asks the inference role and retries what fails: a timeout (no node answered: none up yet, or one died mid-photo) or
/// a worker's reported failure. The first attempt goes to this node's own worker when it has one (its pixels then stay
/// in the process); each retry waits twice as long as the one before, from <c>retry-backoff</c>, and goes through the
/// round-robin router, so with several inference nodes it lands on another one. After <c>tile-attempts</c> attempts the
/// photo fails with every distinct reason. A worker whose queue is full answers busy: the request waits as long as it
/// is told and goes to the router, without using up an attempt, for as long as its attempts would have lasted.
/// </summary>
public static class InferenceAsk
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <param name="local">This node's inference worker, or null when it has none.</param>
    /// <param name="router">The inference role's router.</param>
    /// <param name="request">The message for an attempt, given its deadline (a worker skips work whose asker gave up).</param>
    /// <param name="read">The answer, or why the worker could not give it.</param>
    /// <param name="what">What is asked, for the failure reason ("tile 3", "segmentation").</param>
    /// <param name="settings">Timeout, attempts and backoff.</param>
    public static async Task<T> AskAsync<T>(
        IActorRef? local, IActorRef router, Func<DateTimeOffset, object> request, Func<object, (T? Answer, string? Failure)> read, string what,
        PhotoProcessingSettings settings)
        where T : class
    {
        var failures = new List<string>();
        var busyUntil = DateTimeOffset.UtcNow + (settings.TileTimeout * settings.TileAttempts);
        var target = local ?? router;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            try
            {
                var reply = await target.Ask<object>(request(DateTimeOffset.UtcNow + settings.TileTimeout), settings.TileTimeout);
                target = router;
                if (reply is InferenceBusy busy)
                {
                    if (DateTimeOffset.UtcNow < busyUntil)
                    {
                        attempt--;
                        await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(busy.RetryAfterMs, 1, 5000)));
                        continue;
                    }

                    failure = $"the inference workers stayed busy (last: {busy.Queued} queued on {busy.Worker})";
                }
                else
                {
                    var (answer, failed) = read(reply);
                    if (answer is not null)
                    {
                        return answer;
                    }

                    failure = failed ?? $"unexpected reply {reply.GetType().Name}";
                }
            }
            catch (AskTimeoutException)
            {
                target = router;
                failure = $"no inference node answered within {settings.TileTimeout.TotalSeconds:0.###} s";
            }

            failures.Add(failure);
            if (attempt >= settings.TileAttempts)
            {
                throw new InvalidOperationException($"{what} failed {attempt} time(s): {string.Join("; ", failures.Distinct())}");
            }

            await Task.Delay(Backoff(settings.Backoff, attempt));
        }
    }

    /// <summary>base · 2^(attempt − 1), at most 30 s.</summary>
    public static TimeSpan Backoff(TimeSpan initial, int attempt) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, initial.Ticks * (1L << Math.Clamp(attempt - 1, 0, 20))));
}
