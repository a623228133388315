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
        PhotoProcessingGraph
            .RunAsync(_session, _deps, Context.Materializer())
            .PipeTo(Self, success: result => new Succeeded(result));
    }

    public sealed record Succeeded(PhotoCountResult Result);

    public sealed record Failed(string Reason);
}
