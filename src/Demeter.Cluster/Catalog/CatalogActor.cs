using Akka.Actor;
using Demeter.Cluster.Persistence;
using Demeter.Domain.Catalog;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.Catalog;

/// <summary>
/// The nursery's catalog (a persistent cluster singleton): categories to products, packaging, prices, decided by
/// <see cref="CatalogDecider"/>. One entity, so an import is one atomic write and SKUs and codes stay unique.
/// </summary>
public sealed class CatalogActor : DeciderEntity<CatalogState, ICatalogCommand, ICatalogEvent>
{
    public const string Id = "catalog";

    // What an import or a price change decided per entry, from its decision until its reply (which waits for the write).
    private readonly Dictionary<ICatalogCommand, CatalogReply> _details = new(ReferenceEqualityComparer.Instance);

    public CatalogActor(int snapshotEvery)
        : base(Id, CatalogState.Empty, snapshotEvery)
    {
        Command<ICatalogCommand>(c => Handle(c, Sender));

        // The answer to its own seeding.
        Command<CatalogReply>(_ => { });
    }

    public static Props Props(int snapshotEvery) => Akka.Actor.Props.Create(() => new CatalogActor(snapshotEvery));

    protected override Decision<ICatalogEvent> Decide(CatalogState state, ICatalogCommand command)
    {
        if (command is ChangePrices change)
        {
            var (changed, lines) = CatalogDecider.ChangePricesOf(state, change);
            _details[command] = new CatalogReply(true, null, null, null, []) { PriceChanges = lines };
            return changed;
        }

        if (command is not ImportCatalogItems import)
        {
            return CatalogDecider.Decide(state, command);
        }

        var (decision, outcomes) = CatalogDecider.Import(state, import);
        _details[command] = new CatalogReply(true, null, null, null, outcomes);
        return decision;
    }

    /// <summary>A catalog without the standard states, sizes and pot types gets them (also one from before they existed).</summary>
    protected override void OnReplaySuccess()
    {
        if (State.Of(CatalogKind.State).IsEmpty)
        {
            Self.Tell(new SeedStandardCatalog("system", DateTimeOffset.UtcNow));
        }
    }

    protected override CatalogState Evolve(CatalogState state, ICatalogEvent @event) => CatalogDecider.Evolve(state, @event);

    protected override object Reply(ICatalogCommand command, Decision<ICatalogEvent> decision, CatalogState state)
    {
        _details.Remove(command, out var details);
        details ??= new CatalogReply(true, null, null, null, []);
        if (!decision.Accepted)
        {
            return details with { Accepted = false, RejectionCode = decision.Rejection!.Code, RejectionReason = decision.Rejection.Reason };
        }

        var item = command is DefineCatalogItem define
            ? decision.Events.OfType<CatalogItemDefined>().LastOrDefault()?.Item ?? state.Find<CatalogItem>(define.Item.Kind, define.Item.Id)
            : null;
        return details with { Item = item };
    }
}
