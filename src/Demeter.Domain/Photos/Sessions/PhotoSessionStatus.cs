namespace Demeter.Domain.Photos.Sessions;

/// <summary>
/// Where a photo session stands. Counted: the photo is counted and the count is being booked into the ledger
/// (shown as processing: a session is completed only once its count is booked). NeedsLocation and NeedsConfig
/// are warnings: the photo is kept, nothing is booked until a person supplies what is missing.
/// </summary>
public enum PhotoSessionStatus
{
    None,
    Pending,
    Processing,
    Counted,
    Completed,
    Failed,
    NeedsLocation,
    NeedsConfig,
}
