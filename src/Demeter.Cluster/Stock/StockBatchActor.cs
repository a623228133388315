using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Stock;

/// <summary>One stock batch: persists what <see cref="StockBatchDecider"/> decides and replies with the outcome.</summary>
public sealed class StockBatchActor : DeciderEntity<StockBatchState, IStockBatchCommand, IStockBatchEvent>
{
    public StockBatchActor(Guid batchId, int snapshotEvery)
        : base(PersistenceIdFor(batchId), StockBatchState.Empty(batchId), snapshotEvery)
    {
        Command<IStockBatchCommand>(c => Handle(c, Sender));
    }

    public static string PersistenceIdFor(Guid batchId) => $"stock-batch-{batchId:N}";

    public static Props Props(Guid batchId, int snapshotEvery) => Akka.Actor.Props.Create(() => new StockBatchActor(batchId, snapshotEvery));

    protected override Decision<IStockBatchEvent> Decide(StockBatchState state, IStockBatchCommand command) =>
        StockBatchDecider.Decide(state, command);

    protected override StockBatchState Evolve(StockBatchState state, IStockBatchEvent @event) =>
        StockBatchDecider.Evolve(state, @event);

    protected override int SnapshotEntries(StockBatchState state) => state.Applied.Count + state.SinceVerified.Count;

    protected override object Reply(IStockBatchCommand command, Decision<IStockBatchEvent> decision, StockBatchState state)
    {
        if (command is GetLedgerAt ledger)
        {
            return BatchLedgerAt.From(state, ledger.At);
        }

        var view = StockBatchView.From(state);
        if (decision.Rejection is { } rejection)
        {
            return new StockBatchReply(state.BatchId, BatchOutcome.Rejected, rejection.Code, rejection.Reason, rejection.Available, null, null, view);
        }

        var repeated = decision.Events.Count == 0;
        return command switch
        {
            RecordMovement m when state.Applied.TryGetValue(m.MovementId, out var applied) => new StockBatchReply(
                state.BatchId, repeated ? BatchOutcome.AlreadyApplied : BatchOutcome.Applied, null, null, null,
                new MovementOutcome(m.MovementId, applied.Type, applied.SignedQuantity, applied.QuantityAfter, applied.At), null, view),
            VerifyCount c when state.Counts.TryGetValue(c.CountId, out var count) => new StockBatchReply(
                state.BatchId, count.Superseded ? BatchOutcome.Superseded : repeated ? BatchOutcome.AlreadyApplied : BatchOutcome.Applied, null, null, null, null, count, view),
            GetBatch => new StockBatchReply(state.BatchId, BatchOutcome.Unchanged, null, null, null, null, null, view),
            _ => new StockBatchReply(state.BatchId, repeated ? BatchOutcome.AlreadyApplied : BatchOutcome.Applied, null, null, null, null, null, view),
        };
    }
}
