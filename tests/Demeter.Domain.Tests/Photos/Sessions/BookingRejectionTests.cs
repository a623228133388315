using Demeter.Domain.Photos.Sessions;

namespace Demeter.Domain.Tests.Photos.Sessions;

public sealed class BookingRejectionTests
{
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static PhotoSessionState Completed()
    {
        IPhotoSessionEvent[] history =
        [
            new PhotoSessionStarted(Session, new PhotoRef(new string('a', 64), "image/jpeg", 10, 100, 80), 1291, null, null, At),
            new PhotoSessionLocated(Session, 1291, null, "explicit", At),
            new PhotoProcessingStarted(Session, 1, At),
            new PhotoSessionCompleted(Session, new PhotoCountResult(5, 0, 1, 0.9, new PhotoTimings(1, 1, 1), "m", "h"), At),
        ];
        return history.Aggregate(PhotoSessionState.Empty(Session), PhotoSessionDecider.Evolve);
    }

    [Fact]
    public void A_refused_booking_is_recorded_and_the_session_stops_owing_it()
    {
        var state = Completed();
        Assert.True(state.AwaitsBooking);

        var decision = PhotoSessionDecider.Decide(state, new RecordBookingRejection(Session, "location-mismatch", At));

        var rejected = Assert.IsType<PhotoCountBookingRejected>(Assert.Single(decision.Events));
        var after = PhotoSessionDecider.Evolve(state, rejected);
        Assert.False(after.AwaitsBooking);
        Assert.Equal("location-mismatch", after.BookingError);
        Assert.Equal(PhotoSessionStatus.Completed, after.Status);
    }

    [Fact]
    public void A_booked_session_ignores_a_late_rejection()
    {
        var booked = PhotoSessionDecider.Evolve(Completed(), new PhotoCountBooked(Session, Guid.NewGuid(), Guid.NewGuid(), At));

        Assert.Empty(PhotoSessionDecider.Decide(booked, new RecordBookingRejection(Session, "late", At)).Events);
    }
}
