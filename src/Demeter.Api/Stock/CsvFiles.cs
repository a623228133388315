using CsvHelper;

namespace Demeter.Api.Stock;

/// <summary>How uploaded CSV files are read: separator detected, quoted line breaks allowed, ragged rows tolerated, one record at most 64 KB.</summary>
public static class CsvFiles
{
    public static CsvReaderOptions Options(bool hasHeader) => new()
    {
        HasHeader = hasHeader,
        TrackLineNumbers = true,
        AllowLineBreaksInQuotes = true,
        TrimWhitespace = true,
        FieldCountMismatch = CsvFieldCountHandling.Allow,
        MissingField = CsvMissingFieldHandling.ReturnEmpty,
        MaxRecordSize = 64 * 1024,
        NormalizeHeaderName = h => h.Trim().ToLowerInvariant(),
    };

    /// <summary>Every record of a file with the line it starts on, cells as they are; at most <paramref name="maxLines"/> + 1 (so a caller can tell "too many").</summary>
    /// <exception cref="InvalidDataException">The file is not CSV (a record too long, a quote never closed); the message says where.</exception>
    public static List<(int Line, IReadOnlyList<string> Cells)> ReadRows(Stream file, int maxLines)
    {
        var rows = new List<(int, IReadOnlyList<string>)>();
        using var csv = CsvReader.Create(file, Options(hasHeader: false), false);
        try
        {
            while (csv.Read() && rows.Count <= maxLines)
            {
                rows.Add(((int)csv.LineNumber, Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray()));
            }
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvValidationException)
        {
            throw new InvalidDataException($"The file is not readable as CSV after line {rows.LastOrDefault().Item1}: {ex.Message.Split('\n')[0]}", ex);
        }

        return rows;
    }

    /// <summary>
    /// The rows of the CSV file a multipart request carries in its field <c>file</c> (at most <paramref name="maxBytes"/>
    /// and <paramref name="maxLines"/> records), or the problem that answers the request: not multipart, no file, not
    /// CSV, too long. <paramref name="what"/> names the file in the problem ("the sowing ledger").
    /// </summary>
    public static async Task<(List<(int Line, IReadOnlyList<string> Cells)>? Rows, IResult? Problem)> ReadUploadAsync(
        HttpRequest request, long maxBytes, int maxLines, string what, CancellationToken ct)
    {
        var (form, problem) = await Http.Multipart.ReadFormAsync(request, maxBytes, ct);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (form!.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return (null, Problems.Problem.BadRequest("file-required", $"The multipart field 'file' ({what} CSV) is missing or empty."));
        }

        List<(int Line, IReadOnlyList<string> Cells)> rows;
        try
        {
            rows = ReadRows(file.OpenReadStream(), maxLines);
        }
        catch (InvalidDataException ex)
        {
            return (null, Problems.Problem.BadRequest("invalid-csv", ex.Message));
        }

        return rows.Count > maxLines ? (null, Problems.Problem.TooLarge($"{char.ToUpperInvariant(what[0])}{what[1..]} has more than {maxLines} lines.")) : (rows, null);
    }
}
