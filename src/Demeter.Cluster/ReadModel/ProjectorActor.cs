
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Cluster singleton that follows the journal (every event, in its global order) from the stored offset and
/// writes the read model. A failing batch rolls back and the stream restarts with backoff from the stored offset.
/// </summary>
public sealed class ProjectorActor : ReceiveActor
{
    private readonly ReadModelProjection _projection;
    private readonly ProjectionSettings _settings;
    private UniqueKillSwitch? _stream;

    public ProjectorActor(ReadModelProjection projection, ProjectionSettings settings)
    {
        _projection = projection;
        _settings = settings;
    }

    public static Props Props(ReadModelProjection projection, ProjectionSettings settings) =>
        Akka.Actor.Props.Create(() => new ProjectorActor(projection, settings));

    protected override void PreStart()
    {
        var materializer = Context.Materializer();
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>("akka.persistence.query.journal.sql");
        var log = Context.GetLogger();
        var restart = RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2);
        _stream = RestartSource
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
            .ToMaterialized(Sink.Ignore<long>(), Keep.Left)
            .Run(materializer);
    }

    protected override void PostStop() => _stream?.Shutdown();
}

/// <summary>The <c>demeter.projection</c> section of cluster.hocon.</summary>
public sealed record ProjectionSettings(int BatchSize, TimeSpan BatchWindow)
{
    public static ProjectionSettings From(Akka.Configuration.Config config) => new(
        config.GetInt("demeter.projection.batch-size", 2000),
        config.GetTimeSpan("demeter.projection.batch-window", TimeSpan.FromMilliseconds(250)));
}
