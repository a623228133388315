namespace Demeter.Domain.Stock;

/// <summary>Machine-readable rejection codes of the stock ledger; each names the real reason.</summary>
public static class StockRejections
{
    public const string BatchNotFound = "batch-not-found";
    public const string BatchIsArchived = "batch-archived";
    public const string BatchNotEmpty = "batch-not-empty";
    public const string BatchKeyMismatch = "batch-key-mismatch";
    public const string InvalidQuantity = "invalid-quantity";
    public const string QuantityOverflow = "quantity-overflow";
    public const string InsufficientStock = "insufficient-stock";
    public const string UnsupportedMovement = "unsupported-movement";
    public const string ReasonRequired = "reason-required";
    public const string InvalidPrice = "invalid-price";
    public const string TextTooLong = "text-too-long";

    /// <summary>A name holds control or invisible formatting characters.</summary>
    public const string InvalidText = "invalid-text";
    public const string AlreadyInitialized = "already-initialized";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string InvalidId = "invalid-id";
}
