using Demeter.Cluster.ReadModel;

namespace Demeter.Api.Http;

/// <summary>
/// Makes a read-model query see every write acknowledged before it arrived (see <see cref="ProjectionWatermark"/>):
/// a client that books a movement and then reads the claro's stock gets the new total, not the one from before
/// the projector caught up.
/// </summary>
public static class ReadYourWrites
{
    /// <summary>Every GET of the group waits for the projection first; writes do not (they never read it).</summary>
    public static RouteGroupBuilder WithReadYourWrites(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            if (HttpMethods.IsGet(context.HttpContext.Request.Method))
            {
                await CatchUpAsync(context.HttpContext);
            }

            return await next(context);
        });
        return group;
    }

    /// <summary>For a POST that answers from the read model (a report, a comparison).</summary>
    public static RouteHandlerBuilder WithReadYourWrites(this RouteHandlerBuilder route) =>
        route.AddEndpointFilter(async (context, next) =>
        {
            await CatchUpAsync(context.HttpContext);
            return await next(context);
        });

    /// <summary>Where the read model stood once this request caught up (see <see cref="ProjectedOrdering"/>).</summary>
    private const string ProjectedKey = "demeter.projected-ordering";

    /// <summary>The journal ordering the read model had applied when this request caught up; null when unknown.</summary>
    public static long? ProjectedOrdering(this HttpContext http) => http.Items.TryGetValue(ProjectedKey, out var value) ? value as long? : null;

    private static async Task CatchUpAsync(HttpContext http)
    {
        var (_, projected) = await http.RequestServices.GetRequiredService<ProjectionWatermark>().CatchUpToAsync(http.RequestAborted);
        if (projected is { } ordering)
        {
            http.Items[ProjectedKey] = ordering;
        }
    }
}
