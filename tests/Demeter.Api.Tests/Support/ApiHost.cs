using System.Net;
using System.Net.Http.Json;
using Demeter.Cluster.ReadModel;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Demeter.Api.Tests.Support;

/// <summary>
/// The real API in-process: <see cref="WebApplicationFactory{TEntryPoint}"/> over Program, which starts a
/// single-node Akka cluster with every role on <see cref="HostData"/>. Disposing it stops the node and keeps
/// the data, so a new host on the same data is a restart.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    /// <summary>Test-speed settings: fast projection polling, quiet logs.</summary>
    public const string TestHocon = Demeter.TestSupport.TestHocon.Fast;

    private readonly Factory _factory;

    private ApiHost(Factory factory, HttpClient client, HostData data)
    {
        _factory = factory;
        Client = client;
        Data = data;
    }

    /// <summary>A client signed in as the bootstrap admin.</summary>
    public HttpClient Client { get; }

    /// <summary>A client with no token.</summary>
    public HttpClient AnonymousClient() => _factory.CreateClient();

    /// <summary>Creates <paramref name="user"/> with <paramref name="role"/> (if new) and returns a client signed in as it.</summary>
    public async Task<HttpClient> ClientAsAsync(string user, string role, string password = "a-test-password")
    {
        using var created = await Client.PostAsJsonAsync("/api/v1/users", new { username = user, password, role });
        if (created.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"Creating {user} answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        }

        return await TestLogin.AuthorizeAsync(_factory.CreateClient(), user, password);
    }

    public HostData Data { get; }

    /// <summary>A client of the node's admin endpoint (its own listener on a free loopback port), signed in as <paramref name="user"/>, or anonymous.</summary>
    public async Task<HttpClient> AdminClientAsync(string? user = TestLogin.Admin, string password = TestLogin.AdminPassword)
    {
        var address = Services.GetRequiredService<Demeter.Api.Admin.AdminEndpoint>().Address
            ?? throw new InvalidOperationException("The admin endpoint has not started.");
        var admin = new HttpClient { BaseAddress = address };
        if (user is not null)
        {
            var tokens = await TestLogin.LoginAsync(_factory.CreateClient(), user, password);
            admin.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        }

        return admin;
    }

    public IServiceProvider Services => _factory.Services;

    /// <summary>Starts the host and waits until GET /health says the node is Up.</summary>
    /// <remarks>With <c>kestrel</c> the host serves through a real Kestrel on a free loopback port (for what the in-memory
    /// server does not enforce, such as request body data rates) instead of the in-memory test server.</remarks>
    /// <remarks><c>settings</c>: extra host settings (e.g. <c>Demeter:allowed-origins</c>).</remarks>
    public static async Task<ApiHost> StartAsync(
        HostData data, string? extraHocon = null, bool kestrel = false, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(TestLogin.Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var factory = new Factory(data, TestHocon + (extraHocon ?? string.Empty), kestrel, all);
        try
        {
            if (kestrel)
            {
                factory.UseKestrel();
            }

            // CreateClient starts the host synchronously: keep that off the test runner's few threads.
            var client = await Task.Run(factory.CreateClient);
            await Eventually.UntilAsync(
                "GET /health returns 200",
                async () =>
                {
                    using var response = await client.GetAsync("/health");
                    return response.StatusCode;
                },
                status => status == HttpStatusCode.OK);
            await TestLogin.AuthorizeAsync(client);
            return new ApiHost(factory, client, data);
        }
        catch
        {
            await factory.DisposeAsync();
            throw;
        }
    }

    /// <summary>Photo sessions accepted and not counted yet, as the admission check sees them.</summary>
    public Task<int> PhotosInFlightAsync() => Services.GetRequiredService<ReadModelQueries>().PhotosInFlightAsync();

    /// <summary>Rows in the read model's photo_sessions table.</summary>
    public async Task<int> PhotoSessionCountAsync() => (int)await CountAsync("SELECT COUNT(*) FROM photo_sessions");

    /// <summary>A scalar count from the node's database (journal or read model).</summary>
    public async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<ReadModelDatabase>().OpenAsync();
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, parameters);
    }

    public Task<LayoutCounts> LayoutCountsAsync() => Services.GetRequiredService<ReadModelQueries>().LayoutCountsAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
    }

    private sealed class Factory(HostData data, string hocon, bool kestrel, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
    {
        // A minimal-API host is captured through process-wide DiagnosticListener events while Program runs, so two
        // factories building at once (parallel test collections) could pick up each other's host. One build at a time.
        private static readonly Lock HostCreation = new();

        protected override IHost CreateHost(IHostBuilder builder)
        {
            lock (HostCreation)
            {
                return base.CreateHost(builder);
            }
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Demeter:data", data.Directory);
            if (data.PostgresConnection is not null)
            {
                builder.UseSetting("Demeter:db-provider", "postgresql");
                builder.UseSetting("Demeter:db-connection", data.PostgresConnection);
            }

            builder.UseSetting("Demeter:hocon", hocon);
            if (kestrel)
            {
                builder.UseSetting("urls", "http://127.0.0.1:0");
            }

            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
