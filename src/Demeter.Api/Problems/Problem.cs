namespace Demeter.Api.Problems;

/// <summary>RFC 9457 problem details for every rejected request, with a stable type URI per kind of problem.</summary>
public static class Problem
{
    public const string TypeBase = "https://demeter.dev/problems/";

    public static IResult BadRequest(string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status400BadRequest, "invalid-request", "The request is invalid.", detail, extensions);

    public static IResult BadRequest(string code, string detail) =>
        Create(StatusCodes.Status400BadRequest, code, "The request is invalid.", detail);

    public static IResult NotFound(string detail) =>
        Create(StatusCodes.Status404NotFound, "not-found", "The resource does not exist.", detail);

    public static IResult NotFound(string code, string detail) =>
        Create(StatusCodes.Status404NotFound, code, "The resource does not exist.", detail);

    public static IResult Conflict(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status409Conflict, code, "The request conflicts with the current state.", detail, extensions);

    public static IResult Forbidden(string code, string detail) =>
        Create(StatusCodes.Status403Forbidden, code, "The request is not allowed.", detail);

    public static IResult TooLarge(string detail) =>
        Create(StatusCodes.Status413PayloadTooLarge, "payload-too-large", "The request is too large.", detail);

    public static IResult RequestTimeout(string detail) =>
        Create(StatusCodes.Status408RequestTimeout, "request-timeout", "The request body arrived too slowly.", detail);

    public static IResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "The content type is not supported here.", detail);

    public static IResult Unprocessable(string code, string detail, IDictionary<string, object?>? extensions = null) =>
        Create(StatusCodes.Status422UnprocessableEntity, code, "The request cannot be processed.", detail, extensions);

    /// <summary>503 with Retry-After: the node is at its limit and the client should come back later.</summary>
    public static IResult Busy(string detail, TimeSpan retryAfter) =>
        new WithRetryAfter(Create(StatusCodes.Status503ServiceUnavailable, "busy", "The service is at its limit; retry later.", detail), retryAfter);

    /// <summary>
    /// A batch request of which no item was taken: a 4xx, not a 207, since nothing happened. The status is the items'
    /// own when they share one (all 404, all 400), else 422; each item's answer is in <c>results</c>.
    /// </summary>
    public static IResult NoneTaken(string what, IReadOnlyList<int> statuses, object results)
    {
        var status = statuses.Distinct().Count() == 1 && statuses[0] is >= 400 and < 500 ? statuses[0] : StatusCodes.Status422UnprocessableEntity;
        return Create(status, "nothing-taken", "No item of the request was taken.", $"None of the {statuses.Count} {what} was taken; each one's problem is in results.", new Dictionary<string, object?> { ["results"] = results });
    }

    public static IResult Unavailable(string detail) =>
        Create(StatusCodes.Status503ServiceUnavailable, "cluster-unavailable", "The cluster did not answer in time.", detail);

    public static IResult Create(int status, string code, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        Results.Problem(detail: detail, statusCode: status, title: title, type: TypeBase + code, extensions: extensions);

    private sealed class WithRetryAfter(IResult problem, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
