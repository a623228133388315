using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Demeter.Domain.Stock;

/// <summary>
/// What a movement says besides its type and quantity. <see cref="User"/> is the authenticated principal
/// ("anonymous" until the API authenticates); <see cref="UnitPrice"/> is kept for the cost of goods sold and
/// only a sale carries one; <see cref="NeedsReview"/> marks a movement a person should look at (a photo count
/// higher than the ledger).
/// </summary>
public sealed record MovementDetails(
    string User,
    MovementSource Source,
    string? Reason = null,
    string? Notes = null,
    decimal? UnitPrice = null,
    Guid? SessionId = null,
    Guid? TransplantId = null,
    bool NeedsReview = false)
{
    public const string Anonymous = "anonymous";
    public const int MaxReasonLength = 500;
    public const int MaxNotesLength = 2000;

    public static MovementDetails Manual(string? user = null) => new(user ?? Anonymous, MovementSource.Manual);
}

/// <summary>
/// A short digest of what a movement asks for, kept beside its id: a retry with the same id and the same
/// content is the same movement; the same id with other content is a client error, never silently merged.
/// </summary>
public static class MovementFingerprint
{
    public static long Of(MovementType type, int quantity, MovementDetails details, string? scope = null)
    {
        var text = string.Join(
            '\u001f',
            type.ToCode(),
            quantity.ToString(CultureInfo.InvariantCulture),
            details.Source.ToCode(),
            details.Reason ?? string.Empty,
            details.Notes ?? string.Empty,
            details.UnitPrice?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            details.SessionId?.ToString("N") ?? string.Empty,
            details.TransplantId?.ToString("N") ?? string.Empty,
            scope ?? string.Empty);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BitConverter.ToInt64(hash[..8]);
    }
}
