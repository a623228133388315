using Akka.Actor;
using Akka.Streams;
using Demeter.Domain.Photos.Sessions;

namespace Demeter.Cluster.Photos;

/// <summary>Child of a photo session that runs its processing graph once and reports the outcome to the session.</summary>
public sealed class PhotoProcessingActor : ReceiveActor
{
    private readonly PhotoSessionState _session;
    private readonly PhotoSessionDependencies _deps;

    public PhotoProcessingActor(PhotoSessionState session, PhotoSessionDependencies deps)
    {
        _session = session;
        _deps = deps;
        Receive<Succeeded>(s =>
        {
            Context.Parent.Tell(s);
            Context.Stop(Self);
        });
        Receive<Status.Failure>(f =>
        {
            Context.Parent.Tell(new Failed(f.Cause.GetBaseException().Message));
            Context.Stop(Self);
        });
    }

    public static Props Props(PhotoSessionState session, PhotoSessionDependencies deps) =>
        Akka.Actor.Props.Create(() => new PhotoProcessingActor(session, deps));

    protected override void PreStart()
    {
        // Tell is safe from any thread: the graph reports from its own.
        var session = Context.Parent;
        PhotoProcessingGraph
            .RunAsync(_session, _deps, Context.Materializer(), (done, total) => session.Tell(new TilesDone(done, total)))
            .PipeTo(Self, success: result => new Succeeded(result));
    }

    /// <summary>Tiles the graph has run of those it will run; kept in memory by the session for its progress.</summary>
    public sealed record TilesDone(int Done, int Total);

    public sealed record Succeeded(PhotoCountResult Result);

    public sealed record Failed(string Reason);
}
