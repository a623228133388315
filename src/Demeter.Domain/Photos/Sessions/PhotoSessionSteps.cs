namespace Demeter.Domain.Photos.Sessions;

/// <summary>How a session's claro was found, as recorded on <see cref="PhotoSessionLocated"/>.</summary>
public static class LocationMethods
{
    /// <summary>Given with the upload.</summary>
    public const string Explicit = "explicit";

    /// <summary>The photo's GPS position lies inside the claro's polygon.</summary>
    public const string GpsInside = "gps-inside";

    /// <summary>The nearest claro centroid within range of the photo's GPS position.</summary>
    public const string GpsNearest = "gps-nearest";

    /// <summary>Given later by a person, for a session that needed a location.</summary>
    public const string Assigned = "assigned";
}

/// <summary>What a session must have done next; the entity executes it and feeds the outcome back as a command.</summary>
public abstract record PhotoSessionStep
{
    /// <summary>Find the claro at the photo's GPS position (answered with <see cref="ResolveLocation"/>).</summary>
    public sealed record Locate(double Latitude, double Longitude) : PhotoSessionStep;

    /// <summary>Plan the photo's tiles and record that processing begins (<see cref="BeginProcessing"/>).</summary>
    public sealed record BeginProcessing(PhotoRef Photo) : PhotoSessionStep;

    /// <summary>Run the counting graph (answered with <see cref="CompleteProcessing"/> or <see cref="FailProcessing"/>).</summary>
    public sealed record Process : PhotoSessionStep;

    /// <summary>
    /// Book the count into the claro as of the capture time (answered with <see cref="MarkCountBooked"/> or
    /// <see cref="RecordBookingRejection"/>); retried until the claro answers, which keeps it once per session.
    /// </summary>
    /// <remarks><c>Categories</c>: the count per container category (null for a count from before containers, booked as one).</remarks>
    public sealed record BookCount(
        int StorageLocationId, DateTimeOffset CapturedAt, int Total, string User, IReadOnlyList<StorageLocations.CategoryCount>? Categories = null) : PhotoSessionStep;

    /// <summary>Give the validated count to the calibration of its product and packaging (answered with <see cref="MarkCalibrationRecorded"/>).</summary>
    public sealed record RecordCalibration(string Key, Calibration.CalibrationSample Sample) : PhotoSessionStep;

    /// <summary>Nothing to drive until someone asks: the entity may leave memory.</summary>
    public sealed record Rest : PhotoSessionStep;
}
