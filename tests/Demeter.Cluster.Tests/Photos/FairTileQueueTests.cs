using Demeter.Cluster.Inference;

namespace Demeter.Cluster.Tests.Photos;

public sealed class FairTileQueueTests
{
    private static readonly Guid Big = Guid.Parse("00000000-0000-0000-0000-00000000000b");
    private static readonly Guid Small = Guid.Parse("00000000-0000-0000-0000-00000000000a");

    [Fact]
    public void Batches_take_the_sessions_in_turn_so_a_small_photo_is_not_kept_behind_a_big_one()
    {
        var queue = new FairTileQueue<string>(100);
        for (var i = 0; i < 30; i++)
        {
            Assert.True(queue.TryEnqueue(Big, $"big{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.True(queue.TryEnqueue(Small, $"small{i}"));
        }

        Assert.Equal(["big0", "small0", "big1", "small1"], queue.TakeBatch(4));
        Assert.Equal(["big2", "small2", "big3"], queue.TakeBatch(3));
        Assert.Equal((26, 1), (queue.Count, queue.Sessions));
        Assert.Equal(Enumerable.Range(4, 26).Select(i => $"big{i}"), queue.TakeBatch(100));
        Assert.Empty(queue.TakeBatch(5));
    }

    [Fact]
    public void The_turn_carries_over_from_one_batch_to_the_next()
    {
        var queue = new FairTileQueue<string>(100);
        var sessions = Enumerable.Range(1, 3).Select(i => new Guid(i, 0, 0, new byte[8])).ToArray();
        foreach (var (session, name) in sessions.Zip(["a", "b", "c"]))
        {
            for (var i = 0; i < 3; i++)
            {
                queue.TryEnqueue(session, $"{name}{i}");
            }
        }

        // One at a time (a static-batch model): a, b, c, a, b, c, ... never a, a, a.
        var order = Enumerable.Range(0, 9).Select(_ => Assert.Single(queue.TakeBatch(1))).ToList();

        Assert.Equal(["a0", "b0", "c0", "a1", "b1", "c1", "a2", "b2", "c2"], order);
    }

    [Fact]
    public void A_full_queue_refuses_and_expired_items_are_handed_back_not_batched()
    {
        var queue = new FairTileQueue<int>(3);
        Assert.True(queue.TryEnqueue(Big, 1));
        Assert.True(queue.TryEnqueue(Big, 2));
        Assert.True(queue.TryEnqueue(Small, 3));
        Assert.False(queue.TryEnqueue(Small, 4));
        var dropped = new List<int>();

        var batch = queue.TakeBatch(3, keep: i => i != 3, dropped: dropped.Add);

        Assert.Equal([1, 2], batch);
        Assert.Equal([3], dropped);
        Assert.Equal(0, queue.Count);
        Assert.True(queue.TryEnqueue(Small, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FairTileQueue<int>(0));
    }
}
