using Microsoft.AspNetCore.Http.Features;

namespace Demeter.Api.Problems;

/// <summary>
/// Problems the framework answers by itself (no route, wrong method, a content type a route does not accept,
/// an unhandled error) get the same shape as the API's own: a Demeter type URI and a detail that says what was
/// wrong, never an empty body.
/// </summary>
public static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
        {
            problem.Type = Problem.TypeBase + status switch
            {
                StatusCodes.Status400BadRequest => "invalid-request",
                StatusCodes.Status404NotFound => "not-found",
                StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
                StatusCodes.Status408RequestTimeout => "request-timeout",
                StatusCodes.Status413PayloadTooLarge => "payload-too-large",
                StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
                >= 500 => "internal-error",
                _ => "http-" + status,
            };
        }

        problem.Detail ??= status switch
        {
            StatusCodes.Status400BadRequest => $"The request to {request.Path} is malformed.",
            StatusCodes.Status404NotFound => $"Nothing is at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}.",
            StatusCodes.Status413PayloadTooLarge => $"The request to {request.Path} is too large.",
            StatusCodes.Status415UnsupportedMediaType =>
                $"{request.Path} does not take '{request.ContentType ?? "a body without a content type"}'; see the OpenAPI document (/openapi/v1.json) for what it takes.",
            >= 500 => $"The server failed on {request.Method} {request.Path}; the error is logged with trace id {context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.TraceId}.",
            _ => $"{request.Method} {request.Path} answered {status}.",
        };
    }
}
