using System.Text.Json;
using System.Text.Json.Serialization;
using Demeter.Api.Problems;

namespace Demeter.Api.Http;

/// <summary>
/// Reads a JSON request body with a size cap and strict typing (a quantity is an integer, never "5" or 5.5), and
/// turns every malformed body into a 400 problem that says where it broke, instead of letting the framework
/// answer an empty 400 or a 500.
/// </summary>
public static class JsonBody
{
    public const long DefaultMaxBytes = 1024 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct, long maxBytes = DefaultMaxBytes)
    {
        var (bytes, problem) = await ReadBytesAsync(request, ct, maxBytes);
        return problem is not null ? (default, problem) : Parse<T>(bytes);
    }

    /// <summary>The body's bytes, after the same checks (size, content type, not empty) <see cref="ReadAsync{T}"/> makes.</summary>
    public static async Task<(ReadOnlyMemory<byte> Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, CancellationToken ct, long maxBytes = DefaultMaxBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return (default, Problem.TooLarge($"The body has {request.ContentLength} bytes; at most {maxBytes} are accepted."));
        }

        if (!request.HasJsonContentType())
        {
            return (default, Problem.UnsupportedMediaType("Send the body as application/json."));
        }

        byte[] body;
        if (request.ContentLength is { } length)
        {
            body = new byte[length];
            var read = 0;
            while (read < length)
            {
                var n = await request.Body.ReadAsync(body.AsMemory(read), ct);
                if (n == 0)
                {
                    return (default, Problem.BadRequest("The body ended before its Content-Length."));
                }

                read += n;
            }
        }
        else
        {
            // No length given (chunked): read up to the cap and refuse past it.
            using var buffer = new MemoryStream();
            var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int n;
                while ((n = await request.Body.ReadAsync(chunk, ct)) > 0)
                {
                    if (buffer.Length + n > maxBytes)
                    {
                        return (default, Problem.TooLarge($"The body has more than {maxBytes} bytes."));
                    }

                    buffer.Write(chunk, 0, n);
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            }

            body = buffer.ToArray();
        }

        return body.Length == 0 ? (default, Problem.BadRequest("The request body is empty; send a JSON object.")) : (body, null);
    }

    /// <summary>Parses JSON bytes strictly; a malformed body is a 400 problem that says where it broke.</summary>
    public static (T? Value, IResult? Problem) Parse<T>(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var value = JsonSerializer.Deserialize<T>(bytes.Span, Options);
            return value is null or JsonElement { ValueKind: JsonValueKind.Null }
                ? (default, Problem.BadRequest("The request body is JSON null; send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the body" : ex.Path;
            return (default, Problem.BadRequest($"The JSON is not valid at {where}: {Explain(ex)}"));
        }
    }

    /// <summary>Whether a body is a JSON array (a batch) rather than an object, by its first non-blank byte.</summary>
    public static bool IsArray(ReadOnlySpan<byte> json)
    {
        foreach (var b in json)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b == (byte)'[';
        }

        return false;
    }

    private static string Explain(JsonException ex) =>
        ex.Message.Contains("could not be converted", StringComparison.Ordinal)
            ? "a value has the wrong type (numbers are JSON integers within range, ids are UUID strings)."
            : ex.Message.Split(" Path:", 2)[0];
}
