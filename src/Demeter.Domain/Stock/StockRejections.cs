namespace Demeter.Domain.Stock;

/// <summary>Machine-readable rejection codes of the stock batch decider.</summary>
public static class StockRejections
{
    public const string NotFound = "batch-not-found";
    public const string AlreadyExists = "batch-already-exists";
    public const string InvalidQuantity = "invalid-quantity";
    public const string InsufficientStock = "insufficient-stock";
    public const string UnsupportedMovement = "unsupported-movement";
    public const string LocationMismatch = "location-mismatch";
}
