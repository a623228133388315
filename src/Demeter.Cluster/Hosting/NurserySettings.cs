using Akka.Configuration;

namespace Demeter.Cluster.Hosting;

/// <summary>
/// The nursery's clock: its time zone (months of a reconciliation, EXIF times without an offset) and how old a
/// photo's capture time may be to be booked as of that time (the <c>demeter.nursery</c> section of cluster.hocon).
/// </summary>
public sealed record NurserySettings(TimeZoneInfo TimeZone, TimeSpan CaptureMaxAge)
{
    public static NurserySettings From(Config config)
    {
        var zone = config.GetString("demeter.nursery.time-zone", "UTC");
        TimeZoneInfo timeZone;
        try
        {
            timeZone = TimeZoneInfo.FindSystemTimeZoneById(zone);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new ConfigurationException($"demeter.nursery.time-zone '{zone}' is not a known time zone (use an IANA name such as America/Argentina/Mendoza).");
        }

        return new NurserySettings(timeZone, config.GetTimeSpan("demeter.nursery.capture-time-max-age", TimeSpan.FromDays(30)));
    }

    /// <summary>[first instant of the month, first instant of the next) in the nursery's time zone.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Month(int year, int month)
    {
        var start = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = start.AddMonths(1);
        return (new DateTimeOffset(start, TimeZone.GetUtcOffset(start)), new DateTimeOffset(end, TimeZone.GetUtcOffset(end)));
    }
}
