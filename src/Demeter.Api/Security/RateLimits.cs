using System.Globalization;
using System.Threading.RateLimiting;
using Demeter.Api.Auth;
using Demeter.Api.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Demeter.Api.Security;

/// <summary>
/// Request budgets (token buckets): each signed-in user has one, each address without a token another, logins from one
/// address a small one of their own (a password cannot be guessed at speed), and refreshes from one address theirs (a
/// client refreshing does not spend its logins). A request over budget answers 429 with Retry-After and nothing is
/// read of it. Health probes and metrics scrapes are not counted. Settings (per second or minute, and the burst a
/// bucket holds): <c>Demeter:rate-limits:user-per-second</c> (200), <c>user-burst</c> (400), <c>anonymous-per-second</c>
/// (100), <c>anonymous-burst</c> (200), <c>login-per-minute</c> (20), <c>login-burst</c> (20), <c>refresh-per-minute</c>
/// (60), <c>refresh-burst</c> (60).
/// </summary>
public sealed record RateLimits(
    int UserPerSecond, int UserBurst, int AnonymousPerSecond, int AnonymousBurst, int LoginPerMinute, int LoginBurst, int RefreshPerMinute, int RefreshBurst)
{
    public const string LoginPolicy = "login";
    public const string RefreshPolicy = "refresh";

    public static RateLimits From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Demeter:rate-limits");
        int Value(string key, int fallback) =>
            section[key] is { Length: > 0 } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
                    ? v
                    : throw new InvalidOperationException($"Demeter:rate-limits:{key} is '{text}'; it must be a positive integer.")
                : fallback;
        return new RateLimits(
            Value("user-per-second", 200), Value("user-burst", 400), Value("anonymous-per-second", 100), Value("anonymous-burst", 200),
            Value("login-per-minute", 20), Value("login-burst", 20), Value("refresh-per-minute", 60), Value("refresh-burst", 60));
    }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        {
            if (IsUnmetered(http.Request.Path))
            {
                return RateLimitPartition.GetNoLimiter("unmetered");
            }

            return http.User.Identity?.IsAuthenticated == true
                ? RateLimitPartition.GetTokenBucketLimiter("user:" + http.User.UserName(), _ => Bucket(UserBurst, UserPerSecond, TimeSpan.FromSeconds(1)))
                : RateLimitPartition.GetTokenBucketLimiter("ip:" + Address(http), _ => Bucket(AnonymousBurst, AnonymousPerSecond, TimeSpan.FromSeconds(1)));
        });
        options.AddPolicy(LoginPolicy, http =>
            RateLimitPartition.GetTokenBucketLimiter("login:" + Address(http), _ => Bucket(LoginBurst, LoginPerMinute, TimeSpan.FromMinutes(1))));
        options.AddPolicy(RefreshPolicy, http =>
            RateLimitPartition.GetTokenBucketLimiter("refresh:" + Address(http), _ => Bucket(RefreshBurst, RefreshPerMinute, TimeSpan.FromMinutes(1))));
        options.OnRejected = async (context, ct) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            var http = context.HttpContext;
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            var who = http.User.Identity?.IsAuthenticated == true ? $"user {http.User.UserName()}" : $"address {Address(http)}";
            await Problem.Create(
                StatusCodes.Status429TooManyRequests, "rate-limited", "Too many requests.", $"The request budget of {who} is spent; retry in {seconds} s.")
                .ExecuteAsync(http);
        };
    }

    private static bool IsUnmetered(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static TokenBucketRateLimiterOptions Bucket(int burst, int perPeriod, TimeSpan period) => new()
    {
        TokenLimit = burst,
        TokensPerPeriod = perPeriod,
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
