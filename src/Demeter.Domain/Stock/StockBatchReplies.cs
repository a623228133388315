using Demeter.Domain.Messaging;

namespace Demeter.Domain.Stock;

/// <summary>What a stock batch answers to every command: the outcome and the batch as it now is.</summary>
[Manifest("stock.batch-reply.v1")]
public sealed record StockBatchReply(
    Guid BatchId, bool Accepted, bool AlreadyApplied, string? RejectionCode, string? RejectionReason, StockBatchView Batch)
    : IDemeterMessage;

[Manifest("stock.batch-view.v1")]
public sealed record StockBatchView(
    Guid BatchId, bool Exists, int? ProductId, int StorageLocationId, int QuantityInitial, int Quantity, int EmptyContainers)
    : IDemeterMessage
{
    public static StockBatchView From(StockBatchState s) =>
        new(s.BatchId, s.Exists, s.ProductId, s.StorageLocationId, s.QuantityInitial, s.Quantity, s.EmptyContainers);
}
