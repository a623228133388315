using System.Collections.Concurrent;

namespace Demeter.Api.Map;

/// <summary>
/// Map views rendered once per state of the read model. A view is keyed by its route and the journal ordering the
/// read model had applied when the request caught up; while nothing new is projected the same bytes answer every
/// request, and the first request after a change renders them again. Views are small (a warehouse, the 28
/// warehouses), so a few hundred of them fit anywhere.
/// </summary>
public sealed class RenderedViews
{
    private const int MaxViews = 512;
    private readonly ConcurrentDictionary<string, (long Ordering, byte[] Body)> _views = new(StringComparer.Ordinal);

    public async Task<byte[]> GetAsync(string key, long? ordering, Func<Task<byte[]>> render)
    {
        if (ordering is { } at && _views.TryGetValue(key, out var cached) && cached.Ordering == at)
        {
            return cached.Body;
        }

        var body = await render();
        if (ordering is { } now)
        {
            if (_views.Count >= MaxViews)
            {
                _views.Clear();
            }

            _views[key] = (now, body);
        }

        return body;
    }
}
