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
}
