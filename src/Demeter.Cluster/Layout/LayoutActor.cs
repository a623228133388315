using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Layout;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Layout;

/// <summary>
/// The nursery layout (a persistent cluster singleton): registers imports through
/// <see cref="LayoutDecider"/> and keeps an in-memory spatial index so a GPS fix finds its claro.
/// </summary>
public sealed class LayoutActor : DeciderEntity<LayoutState, ILayoutCommand, ILayoutEvent>
{
    public const string Id = "layout";
    private StorageLocationIndex _index = new(LayoutDocument.Empty);

    public LayoutActor(int snapshotEvery)
        : base(Id, LayoutState.Empty, snapshotEvery)
    {
        Command<ILayoutCommand>(c => Handle(c, Sender));
        Command<LocateStorageLocation>(q =>
        {
            var match = double.IsFinite(q.Latitude) && double.IsFinite(q.Longitude) && Math.Abs(q.Latitude) <= 90 && Math.Abs(q.Longitude) <= 180
                ? _index.Locate(q.Latitude, q.Longitude)
                : null;
            Sender.Tell(new StorageLocationLookup(match?.StorageLocationId, match?.Inside ?? false, match?.DistanceM));
        });
        Command<FindStorageLocation>(q =>
            Sender.Tell(new StorageLocationLookup(State.HoldsStock(q.StorageLocationId) ? q.StorageLocationId : null, true, null)));
    }

    public static Props Props(int snapshotEvery) => Akka.Actor.Props.Create(() => new LayoutActor(snapshotEvery));

    protected override Decision<ILayoutEvent> Decide(LayoutState state, ILayoutCommand command) => LayoutDecider.Decide(state, command);

    protected override LayoutState Evolve(LayoutState state, ILayoutEvent @event) => LayoutDecider.Evolve(state, @event);

    protected override object Reply(ILayoutCommand command, Decision<ILayoutEvent> decision, LayoutState state) => command is RegisterStoragePlaces places
        ? new StoragePlacesReply(
            decision.Accepted,
            decision.Rejection?.Code,
            decision.Rejection?.Reason,
            places.Labels.Distinct().ToDictionary(label => label, label => LayoutDecider.StorageLocationFor(state, label)))
        : new LayoutImportReply(
        decision.Accepted,
        decision.Rejection?.Code,
        decision.Rejection?.Reason,
        state.Warehouses.Count,
        state.StorageAreas.Count,
        state.StorageLocations.Count,
        decision.Events.Count);

    protected override void OnReplaySuccess() => _index = new StorageLocationIndex(State.ToDocument());

    protected override void OnPersisted(IReadOnlyList<ILayoutEvent> events) => _index = new StorageLocationIndex(State.ToDocument());
}
