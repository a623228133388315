using Demeter.Domain.Users;

namespace Demeter.Domain.Tests.Users;

public sealed class RefreshTokenRotationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UserSummary Rosa = new("rosa", Role.Worker, true);

    private static StoredRefreshToken Token(long version = 3, DateTimeOffset? used = null, DateTimeOffset? revoked = null, DateTimeOffset? expires = null) =>
        new("family", "rosa", version, expires ?? Now.AddDays(1), used, revoked);

    [Fact]
    public void A_fresh_token_of_the_users_current_version_rotates() =>
        Assert.Equal(RefreshOutcome.Rotate, RefreshTokenRotation.Decide(Token(), Rosa, 3, Now));

    [Fact]
    public void A_token_used_before_is_a_reuse() =>
        Assert.Equal(RefreshOutcome.Reused, RefreshTokenRotation.Decide(Token(used: Now.AddMinutes(-5)), Rosa, 3, Now));

    [Fact]
    public void A_revoked_token_stays_revoked_even_if_it_was_also_used() =>
        Assert.Equal(RefreshOutcome.Revoked, RefreshTokenRotation.Decide(Token(used: Now.AddMinutes(-5), revoked: Now.AddMinutes(-1)), Rosa, 3, Now));

    [Fact]
    public void An_expired_token_does_not_rotate() =>
        Assert.Equal(RefreshOutcome.Expired, RefreshTokenRotation.Decide(Token(expires: Now), Rosa, 3, Now));

    [Fact]
    public void A_token_from_before_a_change_to_the_user_or_of_a_disabled_user_is_revoked()
    {
        Assert.Equal(RefreshOutcome.Revoked, RefreshTokenRotation.Decide(Token(version: 2), Rosa, 3, Now));
        Assert.Equal(RefreshOutcome.Revoked, RefreshTokenRotation.Decide(Token(), Rosa with { Enabled = false }, 3, Now));
        Assert.Equal(RefreshOutcome.Revoked, RefreshTokenRotation.Decide(Token(), null, 0, Now));
    }

    [Fact]
    public void No_token_is_unknown() => Assert.Equal(RefreshOutcome.Unknown, RefreshTokenRotation.Decide(null, null, 0, Now));
}
