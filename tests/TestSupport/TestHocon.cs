namespace Demeter.TestSupport;

/// <summary>
/// Cluster settings for tests: projection polls every 100 ms instead of every second, quiet logs. Reads wait up to
/// a minute for the projector instead of production's 5 s: the whole suite shares two cores, and a read that gave up
/// waiting answers with an older read model, which a test asserting read-your-writes would take for a wrong answer.
/// </summary>
public static class TestHocon
{
    public const string Fast = """
        akka.loglevel = WARNING
        akka.persistence.query.journal.sql.refresh-interval = 100ms
        akka.persistence.query.journal.sql.journal-sequence-retrieval.query-delay = 100ms
        demeter.projection.batch-window = 50ms
        demeter.projection.read-wait = 60s

        """;
}
