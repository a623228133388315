namespace Demeter.Api.Tests.Support;

/// <summary>Polling with a deadline, for everything the cluster does after it has answered (projection, processing).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="probe"/> until its value satisfies <paramref name="done"/>; fails with the last value.</summary>
    public static async Task<T> UntilAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            T value;
            Exception? error = null;
            try
            {
                value = await probe();
                if (done(value))
                {
                    return value;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                value = default!;
                error = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not within {(timeout ?? DefaultTimeout).TotalSeconds:0} s: {what}. Last value: {(error is null ? value : error.Message)}");
            }

            await Task.Delay(100);
        }
    }
}
