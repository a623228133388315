using Akka.Actor;
using Akka.Actor.Internal;

namespace Demeter.Cluster.Operations;

/// <summary>One actor of the node's tree: its name and path, how many children it has, and those shown.</summary>
public sealed record ActorTreeNode(string Name, string Path, int ChildCount, IReadOnlyList<ActorTreeNode> Children);

/// <summary>
/// The actors this node runs, read from the actor cells in place (the tree of `demeter actor hierarchy`). A shard can
/// hold thousands of entities: each actor shows at most <c>maxChildren</c> of its children (the rest are counted), and
/// the tree stops at <c>depth</c> levels below /user and /system.
/// </summary>
public static class ActorHierarchy
{
    public static ActorTreeNode Of(ActorSystem system, int depth, int maxChildren)
    {
        var extended = (ExtendedActorSystem)system;
        var roots = new[] { extended.Guardian, extended.SystemGuardian }
            .Select(guardian => Node(guardian, depth, maxChildren))
            .ToList();
        return new ActorTreeNode("/", extended.Provider.RootPath.ToString(), roots.Count, roots);
    }

    private static ActorTreeNode Node(IActorRef actor, int depth, int maxChildren)
    {
        var children = actor is ActorRefWithCell cell
            ? cell.Children.OrderBy(c => c.Path.Name, StringComparer.Ordinal).ToList()
            : [];
        var shown = depth <= 0
            ? []
            : children.Take(maxChildren).Select(child => Node(child, depth - 1, maxChildren)).ToList();
        return new ActorTreeNode(actor.Path.Name, actor.Path.ToStringWithoutAddress(), children.Count, shown);
    }
}
