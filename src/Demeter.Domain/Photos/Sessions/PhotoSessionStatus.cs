namespace Demeter.Domain.Photos.Sessions;

/// <summary>Where a photo session stands. NeedsLocation is a warning: the photo is kept, nothing is booked.</summary>
public enum PhotoSessionStatus
{
    None,
    Pending,
    Processing,
    Completed,
    Failed,
    NeedsLocation,
}
