using Demeter.Domain.Stock;
using Demeter.Domain.StorageLocations;
using static Demeter.Domain.Stock.StockRejections;
using static Demeter.Domain.StorageLocations.StorageLocationRejections;

namespace Demeter.Api.Problems;

/// <summary>
/// The HTTP status of each ledger rejection: 404 for what does not exist, 409 for what the current state
/// forbids (not enough stock, an id spent on other content, an archived lot), 400 for a request that
/// contradicts the claro's configuration, 422 for values the ledger cannot take.
/// </summary>
public static class StockProblems
{
    public static int StatusOf(string code) => code switch
    {
        BatchNotFound or BinNotFound or "transplant-not-found" => StatusCodes.Status404NotFound,
        InsufficientStock or AlreadyInitialized or IdempotencyKeyReused or BatchIsArchived or BatchNotEmpty or AmbiguousBatch
            or BinNotActive or BinRetired or ConfigUnchanged or NoActiveConfig => StatusCodes.Status409Conflict,
        ProductMismatch or PackagingMismatch => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    public static IResult From(string? code, string? reason, int? available = null)
    {
        code ??= "rejected";
        var status = StatusOf(code);
        var extensions = available is { } a ? new Dictionary<string, object?> { ["available"] = a } : null;
        var title = status switch
        {
            StatusCodes.Status404NotFound => "The resource does not exist.",
            StatusCodes.Status409Conflict => "The request conflicts with the current state.",
            StatusCodes.Status400BadRequest => "The request contradicts the storage location's configuration.",
            _ => "The request cannot be processed.",
        };
        return Problem.Create(status, code, title, reason ?? "Rejected.", extensions);
    }

    public static IResult From(StockBatchReply reply) => From(reply.RejectionCode, reply.RejectionReason, reply.Available);
}
