using Demeter.Api.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace Demeter.Api.Http;

/// <summary>
/// Reads a multipart form with explicit limits and turns every malformed or oversized form into a 4xx problem
/// (the framework's parser throws for a broken boundary, too many fields or a body over the limit).
/// </summary>
public static class Multipart
{
    public static async Task<(IFormCollection? Form, IResult? Problem)> ReadFormAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + (64 * 1024))
        {
            return (null, Problem.TooLarge($"The request has {request.ContentLength} bytes; at most {maxBytes} are accepted."));
        }

        if (!request.HasFormContentType)
        {
            return (null, Problem.UnsupportedMediaType("Send multipart/form-data."));
        }

        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes,
            ValueCountLimit = 64,
            KeyLengthLimit = 256,
            ValueLengthLimit = 64 * 1024,
            MultipartHeadersLengthLimit = 16 * 1024,
            MultipartBoundaryLengthLimit = 128,
        }));
        try
        {
            return (await request.ReadFormAsync(ct), null);
        }
        catch (InvalidDataException ex) when (ex.Message.Contains("limit", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problem.TooLarge($"The form is too large: {ex.Message}"));
        }
        catch (InvalidDataException ex)
        {
            return (null, Problem.BadRequest("malformed-multipart", $"The multipart body is malformed: {ex.Message}"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem.TooLarge(ex.Message)
                : Problem.BadRequest("malformed-multipart", $"The multipart body could not be read: {ex.Message}"));
        }
        catch (IOException ex)
        {
            return (null, Problem.BadRequest("malformed-multipart", $"The multipart body could not be read: {ex.Message}"));
        }
    }
}
