using Demeter.Api.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Demeter.Api.Http;

/// <summary>
/// Reads a multipart form with explicit limits and turns every malformed or oversized form into a 4xx problem
/// (the framework's parser throws for a broken boundary, too many fields or a body over the limit).
/// </summary>
public static class Multipart
{
    /// <summary>The form, or the problem to answer; <paramref name="maxBytes"/> bounds the body (files included), <paramref name="maxFields"/> the fields.</summary>
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken ct, int maxFields = 64)
    {
        if (request.ContentLength > maxBytes + (64 * 1024))
        {
            return (null, Problem.TooLarge($"The request has {request.ContentLength} bytes; at most {maxBytes} are accepted."));
        }

        if (!request.HasFormContentType || !request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem.UnsupportedMediaType("Send multipart/form-data."));
        }

        // Kestrel's own cap (30 MB by default) would otherwise decide instead of the route's.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBytes + (64 * 1024);
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes,
            ValueCountLimit = maxFields,
            KeyLengthLimit = 256,
            ValueLengthLimit = 64 * 1024,
            MultipartHeadersCountLimit = 8,
            MultipartHeadersLengthLimit = 16 * 1024,
            MultipartBoundaryLengthLimit = 128,
        }));
        try
        {
            var form = await request.ReadFormAsync(ct);
            return form.Files.Count + form.Count > maxFields
                ? (null, Problem.TooLarge($"The form has {form.Files.Count + form.Count} fields; at most {maxFields} are accepted."))
                : (form, null);
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("Line length limit", StringComparison.Ordinal))
        {
            // The parser's only report of a line without CRLF (LF-only bodies) or of a header line beyond any limit.
            return (null, Malformed($"a line is too long or does not end with CRLF ({ex.Message})"));
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem.TooLarge($"The form is too large: {ex.Message}"));
        }
        catch (InvalidDataException ex)
        {
            return (null, Malformed(ex.Message));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Problem.TooLarge(ex.Message),
                StatusCodes.Status408RequestTimeout => Problem.RequestTimeout(ex.Message),
                _ => Malformed(ex.Message),
            });
        }
        catch (IOException ex)
        {
            return (null, Malformed(ex.Message));
        }
    }

    private static IResult Malformed(string reason) => Problem.BadRequest("malformed-multipart", $"The multipart body could not be read: {reason}");
}
