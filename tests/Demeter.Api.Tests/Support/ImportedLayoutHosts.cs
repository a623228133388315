using System.Net;

namespace Demeter.Api.Tests.Support;

/// <summary>
/// One running API per backend with the real layout imported and projected, shared by the tests of
/// <see cref="ImportedLayoutCollection"/> (they run one after another, so counts of blobs and sessions
/// taken by one test are not disturbed by another). A backend's host starts on first use.
/// </summary>
public sealed class ImportedLayoutHosts : IAsyncLifetime
{
    private readonly Dictionary<string, Task<ApiHost>> _hosts = [];
    private readonly Lock _lock = new();

    public Task<ApiHost> GetAsync(string backend)
    {
        lock (_lock)
        {
            if (!_hosts.TryGetValue(backend, out var host))
            {
                _hosts[backend] = host = StartAsync(backend);
            }

            return host;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var task in _hosts.Values)
        {
            if (task.IsCompletedSuccessfully)
            {
                var host = task.Result;
                await host.DisposeAsync();
                await host.Data.DisposeAsync();
            }
        }
    }

    private static async Task<ApiHost> StartAsync(string backend)
    {
        var data = await HostData.CreateAsync(backend, "shared");
        ApiHost? host = null;
        try
        {
            host = await ApiHost.StartAsync(data);
            using var response = await host.Client.PostAsync(Forms.ImportUrl, Forms.RealLayout());
            Assert.Equal(Nursery.ImportEvents, (await response.JsonAsync(HttpStatusCode.OK)).Int("eventsPersisted"));
            await Eventually.UntilAsync(
                "the layout is projected into the read model",
                host.LayoutCountsAsync,
                c => c.StorageLocations == Nursery.StorageLocations);
            return host;
        }
        catch
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            await data.DisposeAsync();
            throw;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ImportedLayoutCollection : ICollectionFixture<ImportedLayoutHosts>
{
    public const string Name = "imported layout";
}
