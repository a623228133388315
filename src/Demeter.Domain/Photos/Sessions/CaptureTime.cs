using Demeter.Domain.Messaging;

namespace Demeter.Domain.Photos.Sessions;

/// <summary>Where a photo's capture time came from.</summary>
public enum CaptureTimeSource
{
    /// <summary>EXIF DateTimeOriginal (with OffsetTimeOriginal, or read in the nursery's time zone).</summary>
    Exif,

    /// <summary>The client said when it took the photo (capturedAt).</summary>
    Client,

    /// <summary>No plausible capture time: the upload time.</summary>
    Upload,
}

/// <summary>When a photo was taken, where that came from, and why another source was passed over.</summary>
[Manifest("photo.capture-time.v1")]
public sealed record CaptureTime(DateTimeOffset At, CaptureTimeSource Source, string? Note) : IDemeterMessage;

/// <summary>
/// Decides a photo's capture time, the time its count is booked as of. A time is plausible when it is no later
/// than the upload (plus <see cref="ClockSkew"/> for a camera clock slightly ahead, then taken as the upload
/// time) and no older than <c>maxAge</c> before it: a count is booked as of its time so that movements booked
/// since stay in force, and a camera clock off by more than the reconciliation window (a reset clock says
/// 2000-01-01) would book it into a closed period instead. An EXIF time without an offset is read in the
/// nursery's time zone.
/// </summary>
public static class CaptureTimes
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>Null when <paramref name="candidate"/> is plausible, else why not.</summary>
    public static string? Implausibility(DateTimeOffset candidate, DateTimeOffset uploadedAt, TimeSpan maxAge)
    {
        if (candidate > uploadedAt + ClockSkew)
        {
            return $"{candidate:O} is after the upload ({uploadedAt:O})";
        }

        return candidate < uploadedAt - maxAge ? $"{candidate:O} is more than {maxAge.TotalDays:0.#} days before the upload ({uploadedAt:O})" : null;
    }

    /// <summary>The client's time if given (the caller has checked it is plausible), else a plausible EXIF time, else the upload time.</summary>
    public static CaptureTime Choose(
        DateTimeOffset? client, DateTime? exifLocal, TimeSpan? exifOffset, TimeZoneInfo nurseryZone, DateTimeOffset uploadedAt, TimeSpan maxAge)
    {
        if (client is { } c)
        {
            return new CaptureTime(Earliest(c, uploadedAt), CaptureTimeSource.Client, null);
        }

        if (exifLocal is not { } local)
        {
            return new CaptureTime(uploadedAt, CaptureTimeSource.Upload, null);
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = exifOffset ?? nurseryZone.GetUtcOffset(unspecified);
        var exif = new DateTimeOffset(unspecified, offset);
        return Implausibility(exif, uploadedAt, maxAge) is { } why
            ? new CaptureTime(uploadedAt, CaptureTimeSource.Upload, $"EXIF DateTimeOriginal {why}; the upload time is used.")
            : new CaptureTime(Earliest(exif, uploadedAt), CaptureTimeSource.Exif, null);
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
