namespace Demeter.TestSupport;

/// <summary>Cluster settings for tests: projection polls every 100 ms instead of every second, quiet logs.</summary>
public static class TestHocon
{
    public const string Fast = """
        akka.loglevel = WARNING
        akka.persistence.query.journal.sql.refresh-interval = 100ms
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 100ms
        demeter.projection.batch-window = 50ms

        """;
}
