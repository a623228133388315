using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Messaging;
using Demeter.Domain.Stock;

namespace Demeter.Cluster.Stock;

/// <summary>One stock batch: persists what <see cref="StockBatchDecider"/> decides and replies with the outcome.</summary>
public sealed class StockBatchActor : DeciderEntity<StockBatchState, IStockBatchCommand, IStockBatchEvent>
{
    public StockBatchActor(Guid batchId, int snapshotEvery)
        : base($"stock-batch-{batchId:N}", StockBatchState.Empty(batchId), snapshotEvery)
    {
        Command<IStockBatchCommand>(c => Handle(c, Sender));
    }

    public static Props Props(Guid batchId, int snapshotEvery) => Akka.Actor.Props.Create(() => new StockBatchActor(batchId, snapshotEvery));

    protected override Decision<IStockBatchEvent> Decide(StockBatchState state, IStockBatchCommand command) =>
        StockBatchDecider.Decide(state, command);

    protected override StockBatchState Evolve(StockBatchState state, IStockBatchEvent @event) =>
        StockBatchDecider.Evolve(state, @event);

    protected override object Reply(Decision<IStockBatchEvent> decision, StockBatchState state) =>
        new StockBatchReply(
            state.BatchId,
            decision.Accepted,
            decision.Accepted && decision.Events.Count == 0,
            decision.Rejection?.Code,
            decision.Rejection?.Reason,
            StockBatchView.From(state));
}
