namespace Demeter.Api.Auth;

/// <summary>
/// Salted, slow password hashes: bcrypt (BCrypt.Net-Next) over a SHA-384 pre-hash, so a passphrase longer than
/// bcrypt's 72 bytes still counts in full. Hashing is CPU-bound by design; at most one hash per core runs at
/// once, so a burst of logins queues instead of starving the cluster's threads.
/// </summary>
public sealed class PasswordHasher(int workFactor)
{
    private readonly SemaphoreSlim _slots = new(Environment.ProcessorCount);

    // Verified against when the user does not exist, so an unknown name takes as long as a wrong password.
    private readonly Lazy<string> _decoy = new(() => BCrypt.Net.BCrypt.EnhancedHashPassword(Guid.NewGuid().ToString(), workFactor));

    public async Task<string> HashAsync(string password, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await Task.Run(() => BCrypt.Net.BCrypt.EnhancedHashPassword(password, workFactor), ct);
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/>; a null hash (no such user) is never a match.</summary>
    public async Task<bool> VerifyAsync(string password, string? hash, CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        try
        {
            return await Task.Run(
                () =>
                {
                    var matches = BCrypt.Net.BCrypt.EnhancedVerify(password, hash ?? _decoy.Value);
                    return hash is not null && matches;
                },
                ct);
        }
        finally
        {
            _slots.Release();
        }
    }
}
