using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;

namespace Demeter.Inference.Imaging;

/// <summary>When the camera says a photo was taken: EXIF DateTimeOriginal (a local time) and OffsetTimeOriginal when present.</summary>
public sealed record ExifCaptureTime(DateTime Local, TimeSpan? Offset);

/// <summary>
/// Reads the capture time of a JPEG, PNG or WebP from its EXIF with MetadataExtractor (untrusted bytes go
/// through a well-kept parser). Anything unreadable means "no capture time", never an error: the upload
/// time is used instead.
/// </summary>
public static class CaptureTimeReader
{
    public static ExifCaptureTime? Read(byte[] image)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            directories = ImageMetadataReader.ReadMetadata(stream);
        }
        catch (Exception ex) when (ex is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }

        foreach (var exif in directories.OfType<ExifSubIfdDirectory>())
        {
            var text = exif.GetString(ExifDirectoryBase.TagDateTimeOriginal);
            if (text is null || !DateTime.TryParseExact(text.Trim('\0', ' '), "yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                continue;
            }

            return new ExifCaptureTime(local, ParseOffset(exif.GetString(ExifDirectoryBase.TagTimeZoneOriginal)));
        }

        return null;
    }

    /// <summary>"+03:00" / "-05:30" within ±14 h, else null.</summary>
    private static TimeSpan? ParseOffset(string? text)
    {
        text = text?.Trim('\0', ' ');
        if (text is not { Length: 6 } || text[0] is not ('+' or '-')
            || !TimeSpan.TryParseExact(text[1..], @"hh\:mm", CultureInfo.InvariantCulture, out var magnitude) || magnitude > TimeSpan.FromHours(14))
        {
            return null;
        }

        return text[0] == '-' ? -magnitude : magnitude;
    }
}
