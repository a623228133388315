
using Akka.Actor;
using Akka.Event;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;
using Demeter.Cluster.Persistence;

namespace Demeter.Cluster.ReadModel;

/// <summary>
/// Cluster singleton that follows each tag of the journal from its stored offset and writes the read
/// model. A failing batch rolls back and the stream restarts with backoff from the stored offset.
/// </summary>
public sealed class ProjectorActor : ReceiveActor
{
    private readonly ReadModelProjection _projection;
    private readonly ProjectionSettings _settings;
    private readonly List<UniqueKillSwitch> _streams = [];

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
        foreach (var tag in ProjectionTags.All)
        {
            var restart = RestartSettings.Create(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), 0.2);
            var killSwitch = RestartSource
                .OnFailuresWithBackoff(() => Source
                    .FromTask(_projection.LoadOffsetAsync(tag))
                    .ConcatMany(offset => journal.EventsByTag(tag, Offset.Sequence(offset)))
                    .GroupedWithin(_settings.BatchSize, _settings.BatchWindow)
                    .SelectAsync(1, async batch =>
                    {
                        try
                        {
                            return await _projection.ApplyAsync(tag, batch.ToList());
                        }
                        catch (Exception ex)
                        {
                            log.Warning(ex, "Projection of tag {0} failed; restarting from the stored offset", tag);
                            throw;
                        }
                    }), restart)
                .ViaMaterialized(KillSwitches.Single<long>(), Keep.Right)
                .ToMaterialized(Sink.Ignore<long>(), Keep.Left)
                .Run(materializer);
            _streams.Add(killSwitch);
        }
    }

    protected override void PostStop()
    {
        foreach (var stream in _streams)
        {
            stream.Shutdown();
        }
    }
}

/// <summary>The <c>demeter.projection</c> section of cluster.hocon.</summary>
public sealed record ProjectionSettings(int BatchSize, TimeSpan BatchWindow)
{
    public static ProjectionSettings From(Akka.Configuration.Config config) => new(
        config.GetInt("demeter.projection.batch-size", 500),
        config.GetTimeSpan("demeter.projection.batch-window", TimeSpan.FromMilliseconds(100)));
}
