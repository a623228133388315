using System.Threading.Channels;
using Akka.Actor;
using Akka.Cluster;

namespace Demeter.Cluster.Operations;

/// <summary>
/// A change of the cluster's membership as `demeter cluster tail` prints it. Event is one of member-joined, member-up,
/// member-weakly-up, member-left, member-exited, member-downed, member-removed, unreachable, reachable, leader-changed.
/// </summary>
public sealed record ClusterEventLine(DateTimeOffset Time, string Event, string? Address, string? Status, IReadOnlyList<string> Roles);

/// <summary>
/// Subscribes to this node's view of the membership (its current state first, as events) and writes each change to a
/// channel until it is stopped; the admin endpoint streams the channel to the operator.
/// </summary>
public sealed class ClusterEventFeed : ReceiveActor
{
    private readonly ChannelWriter<ClusterEventLine> _out;

    public ClusterEventFeed(ChannelWriter<ClusterEventLine> output)
    {
        _out = output;
        Receive<ClusterEvent.IMemberEvent>(e => Write(Name(e), e.Member));
        Receive<ClusterEvent.UnreachableMember>(e => Write("unreachable", e.Member));
        Receive<ClusterEvent.ReachableMember>(e => Write("reachable", e.Member));
        Receive<ClusterEvent.LeaderChanged>(e => _out.TryWrite(new ClusterEventLine(DateTimeOffset.UtcNow, "leader-changed", e.Leader?.ToString(), null, [])));
        Receive<ClusterEvent.IClusterDomainEvent>(_ => { });
    }

    public static Props Props(ChannelWriter<ClusterEventLine> output) => Akka.Actor.Props.Create(() => new ClusterEventFeed(output));

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(
            Self,
            ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.IMemberEvent),
            typeof(ClusterEvent.IReachabilityEvent),
            typeof(ClusterEvent.LeaderChanged));

    protected override void PostStop()
    {
        Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
        _out.TryComplete();
    }

    private void Write(string name, Member member) =>
        _out.TryWrite(new ClusterEventLine(
            DateTimeOffset.UtcNow, name, member.Address.ToString(), member.Status.ToString(), [.. member.Roles.Order(StringComparer.Ordinal)]));

    private static string Name(ClusterEvent.IMemberEvent e) => e switch
    {
        ClusterEvent.MemberJoined => "member-joined",
        ClusterEvent.MemberUp => "member-up",
        ClusterEvent.MemberWeaklyUp => "member-weakly-up",
        ClusterEvent.MemberLeft => "member-left",
        ClusterEvent.MemberExited => "member-exited",
        ClusterEvent.MemberDowned => "member-downed",
        ClusterEvent.MemberRemoved => "member-removed",
        _ => "member-" + e.GetType().Name.ToLowerInvariant(),
    };
}
