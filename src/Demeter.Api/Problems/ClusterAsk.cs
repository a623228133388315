using Akka.Actor;

namespace Demeter.Api.Problems;

/// <summary>Asks an actor and turns "the cluster did not answer" into a 503 problem instead of a 500.</summary>
public static class ClusterAsk
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<(T? Reply, IResult? Problem)> AskAsync<T>(this IActorRef actor, object message, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        try
        {
            return (await actor.Ask<T>(message, timeout ?? DefaultTimeout, ct), null);
        }
        catch (AskTimeoutException)
        {
            return (default, Problem.Unavailable($"No answer from {actor.Path.Name} within {(timeout ?? DefaultTimeout).TotalSeconds:0} s; the cluster may still be forming."));
        }
    }
}
