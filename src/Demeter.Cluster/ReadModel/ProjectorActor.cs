
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Domain.Messaging;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Cluster singleton that follows the journal (every event, in its global order) from the stored offset and
/// writes the read model. A failing batch rolls back and the stream restarts with backoff from the stored offset.
/// Asked to rebuild, it stops following, lets the batch in flight finish, drops the read model (never the users),
/// recreates it empty and follows the journal again from its first event.
/// </summary>
public sealed class ProjectorActor : ReceiveActor, IWithStash
{
    private readonly ReadModelProjection _projection;
    private readonly ProjectionSettings _settings;
    private UniqueKillSwitch? _stream;
    private Task? _completion;

    public ProjectorActor(ReadModelProjection projection, ProjectionSettings settings)
    {
        _projection = projection;
        _settings = settings;
        Following();
    }

    public IStash Stash { get; set; } = null!;

    public static Props Props(ReadModelProjection projection, ProjectionSettings settings) =>
        Akka.Actor.Props.Create(() => new ProjectorActor(projection, settings));

    protected override void PreStart() => Follow();

    protected override void PostStop() => _stream?.Shutdown();

    private void Following() =>
        Receive<RebuildReadModel>(_ =>
        {
            var requester = Sender;
            var stopped = _completion ?? Task.CompletedTask;
            _stream?.Shutdown();
            Become(Rebuilding);
            RebuildAsync(stopped).PipeTo(Self, requester, () => new Rebuilt(null), ex => new Rebuilt(ex.GetBaseException().Message));
        });

    private void Rebuilding()
    {
        Receive<Rebuilt>(done =>
        {
            Follow();
            Become(Following);
            Stash.UnstashAll();
            Sender.Tell(done.Error is null ? new ReadModelRebuildStarted() : new ReadModelRebuildFailed(done.Error));
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private async Task RebuildAsync(Task stopped)
    {
        // The batch in flight commits (or rolls back) before the tables go: nothing writes into the new read model early.
        try
        {
            await stopped;
        }
        catch (Exception)
        {
            // A stream that ended in failure has stopped all the same.
        }

        await _projection.ResetAsync();
    }

    private void Follow()
    {
        var materializer = Context.Materializer();
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        var log = Context.GetLogger();
        var restart = RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2);
        var stream = RestartSource
            .OnFailuresWithBackoff(() => Source
                .FromTask(_projection.LoadOffsetAsync())
                .ConcatMany(offset => journal.AllEvents(Offset.Sequence(offset)))
                .GroupedWithin(_settings.BatchSize, _settings.BatchWindow)
                .SelectAsync(1, async batch =>
                {
                    try
                    {
                        return await _projection.ApplyAsync(batch.ToList());
                    }
                    catch (Exception ex)
                    {
                        log.Warning(ex, "Projection failed; restarting from the stored offset");
                        throw;
                    }
                }), restart)
            .ViaMaterialized(KillSwitches.Single<long>(), Keep.Right)
            .ToMaterialized(Sink.Ignore<long>(), Keep.Both)
            .Run(materializer);
        (_stream, _completion) = (stream.Item1, stream.Item2);
    }

    private sealed record Rebuilt(string? Error);
}

/// <summary>Asks the projector to rebuild the read model from the journal's first event.</summary>
[Manifest("projection.rebuild.v1")]
public sealed record RebuildReadModel : IDemeterMessage;

/// <summary>The read model is empty again and the projector is following the journal from its start.</summary>
[Manifest("projection.rebuild-started.v1")]
public sealed record ReadModelRebuildStarted : IDemeterMessage;

[Manifest("projection.rebuild-failed.v1")]
public sealed record ReadModelRebuildFailed(string Reason) : IDemeterMessage;

/// <summary>The <c>demeter.projection</c> section of cluster.hocon.</summary>
public sealed record ProjectionSettings(int BatchSize, TimeSpan BatchWindow)
{
    public static ProjectionSettings From(Akka.Configuration.Config config) => new(
        config.GetInt("demeter.projection.batch-size", 2000),
        config.GetTimeSpan("demeter.projection.batch-window", TimeSpan.FromMilliseconds(250)));
}
