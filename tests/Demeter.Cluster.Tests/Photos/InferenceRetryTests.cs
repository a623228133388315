using Akka.Actor;
using Akka.Configuration;
using Akka.Routing;
using Akka.TestKit.Xunit2;
using Demeter.Cluster.Inference;
using Demeter.Cluster.Photos;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Cluster.Tests.Photos;

/// <summary>A tile an inference worker fails on, or that no worker answers, is retried with a growing wait on the next worker.</summary>
public sealed class InferenceRetryTests : TestKit
{
    private static readonly PhotoProcessingSettings Settings = PhotoProcessingSettings.From(ConfigurationFactory.ParseString(
        "demeter.photos { tile-timeout = 2s, tile-attempts = 3, retry-backoff = 50ms }"));

    [Fact]
    public async Task A_worker_that_fails_is_passed_over_for_the_next_one_and_the_tile_is_counted()
    {
        var broken = Sys.ActorOf(Props.Create(() => new Worker(Answer.Fail)), "broken");
        var healthy = Sys.ActorOf(Props.Create(() => new Worker(Answer.Succeed)), "healthy");
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(broken.Path.ToString(), healthy.Path.ToString())));

        var inferred = await AskTile(router);

        Assert.Equal("healthy", inferred.Worker);
    }

    [Fact]
    public async Task After_the_last_attempt_the_tile_fails_with_every_reason_and_the_waits_grew()
    {
        var broken = Sys.ActorOf(Props.Create(() => new Worker(Answer.Fail)), "always-broken");
        var silent = Sys.ActorOf(Props.Create(() => new Worker(Answer.Ignore)), "silent");
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(broken.Path.ToString(), silent.Path.ToString())));
        var settings = Settings with { TileTimeout = TimeSpan.FromMilliseconds(300) };
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => InferenceAsk.AskAsync<TileInferred>(
            null, router, deadline => Tile(deadline), Read, "Tile 7", settings));

        // Three attempts: broken, silent (timed out), broken; waits of 50 and 100 ms between them.
        Assert.Contains("Tile 7 failed 3 time(s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("model exploded (on always-broken)", error.Message, StringComparison.Ordinal);
        Assert.Contains("no inference node answered within 0.3 s", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(150 + 300));
    }

    [Theory]
    [InlineData(1, 1000)]
    [InlineData(2, 2000)]
    [InlineData(3, 4000)]
    [InlineData(10, 30000)]
    public void The_wait_doubles_up_to_thirty_seconds(int attempt, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), InferenceAsk.Backoff(TimeSpan.FromSeconds(1), attempt));

    [Fact]
    public async Task A_busy_worker_is_waited_out_without_using_up_an_attempt_and_the_retry_goes_to_the_router()
    {
        var busy = Sys.ActorOf(Props.Create(() => new Worker(Answer.Busy)), "busy-local");
        var healthy = Sys.ActorOf(Props.Create(() => new Worker(Answer.Succeed)), "healthy-remote");
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(busy.Path.ToString(), busy.Path.ToString(), healthy.Path.ToString())));

        // One attempt only: two busy answers (the local worker, then the router's first pick) must not end it.
        var inferred = await InferenceAsk.AskAsync<TileInferred>(busy, router, Tile, Read, "Tile 7", Settings with { TileAttempts = 1 });

        Assert.Equal("healthy-remote", inferred.Worker);
    }

    [Fact]
    public async Task The_first_attempt_goes_to_the_local_worker()
    {
        var local = Sys.ActorOf(Props.Create(() => new Worker(Answer.Succeed)), "local");
        var remote = Sys.ActorOf(Props.Create(() => new Worker(Answer.Succeed)), "remote");
        var router = Sys.ActorOf(Props.Empty.WithRouter(new RoundRobinGroup(remote.Path.ToString())));

        Assert.Equal("local", (await InferenceAsk.AskAsync<TileInferred>(local, router, Tile, Read, "Tile 7", Settings)).Worker);
    }

    private static Task<TileInferred> AskTile(IActorRef router) => InferenceAsk.AskAsync<TileInferred>(null, router, Tile, Read, "Tile 7", Settings);

    private static InferTile Tile(DateTimeOffset deadline) =>
        new(Guid.Empty, 7, new PixelRect(0, 0, 8, 8), new InferencePixels(new SharedBitmap(new SkiaSharp.SKBitmap(8, 8)), new PixelRect(0, 0, 8, 8)), deadline);

    private static (TileInferred?, string?) Read(object reply) => reply switch
    {
        TileInferred r => (r, null),
        TileInferenceFailed f => (null, $"{f.Reason} (on {f.Worker})"),
        _ => (null, null),
    };

    private enum Answer
    {
        Succeed,
        Fail,
        Ignore,
        Busy,
    }

    private sealed class Worker : ReceiveActor
    {
        public Worker(Answer answer) => Receive<InferTile>(t =>
        {
            var name = Self.Path.Name;
            if (answer == Answer.Succeed)
            {
                Sender.Tell(new TileInferred(t.SessionId, t.TileIndex, [], 1, name, "m", "sha"));
            }
            else if (answer == Answer.Fail)
            {
                Sender.Tell(new TileInferenceFailed(t.SessionId, t.TileIndex, "model exploded", name));
            }
            else if (answer == Answer.Busy)
            {
                Sender.Tell(new InferenceBusy(t.SessionId, t.TileIndex, 256, 10, name));
            }
        });
    }
}
