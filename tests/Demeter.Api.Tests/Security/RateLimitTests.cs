using System.Net;
using System.Net.Http.Json;
using Demeter.Api.Tests.Support;

namespace Demeter.Api.Tests.Security;

/// <summary>Request budgets per user, per address without a token and for logins: 429 with Retry-After and a problem, probes exempt.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_caller_over_its_budget_gets_429_with_retry_after_and_others_keep_theirs()
    {
        await using var data = await HostData.CreateAsync(Backend.Sqlite, "rate-limits");
        await using var host = await ApiHost.StartAsync(data, settings: new Dictionary<string, string>
        {
            ["Demeter:rate-limits:user-per-second"] = "1",
            ["Demeter:rate-limits:user-burst"] = "5",
            ["Demeter:rate-limits:anonymous-per-second"] = "1",
            ["Demeter:rate-limits:anonymous-burst"] = "8",
            ["Demeter:rate-limits:login-per-minute"] = "1",
            ["Demeter:rate-limits:login-burst"] = "3",
        });

        // The host's own login spent one of the address's three logins; two more may fail, then none is heard.
        using var anonymous = host.AnonymousClient();
        for (var i = 0; i < 2; i++)
        {
            using var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var guessing = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { username = "admin", password = TestLogin.AdminPassword }))
        {
            var problem = await guessing.ProblemAsync(HttpStatusCode.TooManyRequests, "rate-limited");
            Assert.True(int.Parse(guessing.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            Assert.Contains("retry in", problem.Str("detail"), StringComparison.Ordinal);
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            using var response = await host.Client.GetAsync("/api/v1/auth/me");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.TakeWhile(s => s == HttpStatusCode.OK).Count() >= 4, string.Join(",", statuses));

        // Probes are never counted, and a request without a token spends the address's budget, not the admin's.
        for (var i = 0; i < 10; i++)
        {
            using var live = await anonymous.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        var unauthenticated = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var response = await anonymous.GetAsync("/api/v1/stock/batches");
            unauthenticated.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated[0]);
        Assert.Contains(HttpStatusCode.TooManyRequests, unauthenticated);
    }
}
