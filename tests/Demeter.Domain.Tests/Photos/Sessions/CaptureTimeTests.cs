using Demeter.Domain.Photos.Sessions;

namespace Demeter.Domain.Tests.Photos.Sessions;

public sealed class CaptureTimeTests
{
    private static readonly TimeZoneInfo Mendoza = TimeZoneInfo.CreateCustomTimeZone("UTC-3", TimeSpan.FromHours(-3), "UTC-3", "UTC-3");
    private static readonly DateTimeOffset Upload = new(2026, 3, 1, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(30);

    [Fact]
    public void An_exif_time_without_an_offset_is_read_in_the_nursery_time_zone()
    {
        var time = CaptureTimes.Choose(null, new DateTime(2026, 3, 1, 11, 30, 0), null, Mendoza, Upload, MaxAge);

        Assert.Equal((new DateTimeOffset(2026, 3, 1, 14, 30, 0, TimeSpan.Zero), CaptureTimeSource.Exif), (time.At.ToUniversalTime(), time.Source));
    }

    [Fact]
    public void An_exif_offset_wins_over_the_nursery_zone()
    {
        var time = CaptureTimes.Choose(null, new DateTime(2026, 3, 1, 14, 0, 0), TimeSpan.Zero, Mendoza, Upload, MaxAge);

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.Zero), time.At);
    }

    [Theory]
    [InlineData(2000, 1, 1)]
    [InlineData(2025, 12, 1)]
    [InlineData(2026, 3, 2)]
    public void An_implausible_exif_time_falls_back_to_the_upload_and_says_why(int year, int month, int day)
    {
        var time = CaptureTimes.Choose(null, new DateTime(year, month, day, 12, 0, 0), null, Mendoza, Upload, MaxAge);

        Assert.Equal((Upload, CaptureTimeSource.Upload), (time.At, time.Source));
        Assert.Contains("upload time is used", time.Note);
    }

    [Fact]
    public void A_camera_clock_a_little_ahead_is_taken_as_the_upload_time()
    {
        var time = CaptureTimes.Choose(null, new DateTime(2026, 3, 1, 15, 5, 0), TimeSpan.Zero, Mendoza, Upload, MaxAge);

        Assert.Equal((Upload, CaptureTimeSource.Exif), (time.At, time.Source));
    }

    [Fact]
    public void The_clients_time_wins_and_no_time_at_all_is_the_upload_time()
    {
        Assert.Equal(CaptureTimeSource.Client, CaptureTimes.Choose(Upload.AddHours(-1), new DateTime(2026, 3, 1, 9, 0, 0), null, Mendoza, Upload, MaxAge).Source);
        Assert.Equal(new CaptureTime(Upload, CaptureTimeSource.Upload, null), CaptureTimes.Choose(null, null, null, Mendoza, Upload, MaxAge));
    }

    [Fact]
    public void A_client_time_in_the_future_or_too_old_is_implausible()
    {
        Assert.NotNull(CaptureTimes.Implausibility(Upload.AddHours(1), Upload, MaxAge));
        Assert.NotNull(CaptureTimes.Implausibility(Upload.AddDays(-31), Upload, MaxAge));
        Assert.Null(CaptureTimes.Implausibility(Upload.AddDays(-2), Upload, MaxAge));
    }
}
