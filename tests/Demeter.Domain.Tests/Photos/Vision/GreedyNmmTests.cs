using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Vision;

public class GreedyNmmTests
{
    private static Detection Box(float x1, float y1, float x2, float y2, float score, int classId = 0) =>
        new(x1, y1, x2, y2, score, classId, classId == 0 ? "plant" : $"class{classId}");

    [Fact]
    public void A_plant_cut_by_a_tile_edge_merges_with_its_whole_copy_into_the_union_box()
    {
        // Whole plant seen in the right tile; the left tile (ending at x = 512) sees only its left part.
        var whole = Box(480, 100, 560, 180, 0.9f);
        var partial = Box(482, 110, 512, 172, 0.6f);

        var merged = GreedyNmm.Merge([partial, whole]);

        var only = Assert.Single(merged);
        Assert.Equal(Box(480, 100, 560, 180, 0.9f), only);
    }

    [Fact]
    public void The_merged_box_is_the_union_and_takes_the_maximum_score()
    {
        var a = Box(0, 0, 100, 100, 0.7f);
        var b = Box(10, 10, 120, 105, 0.8f);

        var only = Assert.Single(GreedyNmm.Merge([a, b]));

        Assert.Equal(Box(0, 0, 120, 105, 0.8f), only);
    }

    [Fact]
    public void Different_classes_never_merge_even_when_identical()
    {
        var merged = GreedyNmm.Merge([Box(0, 0, 50, 50, 0.9f, 0), Box(0, 0, 50, 50, 0.8f, 1)]);

        Assert.Equal(2, merged.Count);
        Assert.Equal([0, 1], merged.Select(d => d.ClassId));
    }

    [Fact]
    public void Merge_keeps_the_class_and_label_of_the_higher_scored_box()
    {
        var high = new Detection(0, 0, 10, 10, 0.9f, 3, "rose");
        var low = new Detection(1, 1, 9, 9, 0.5f, 3, "rose-old-name");

        var only = Assert.Single(GreedyNmm.Merge([low, high]));

        Assert.Equal("rose", only.Label);
        Assert.Equal(3, only.ClassId);
    }

    [Fact]
    public void Boxes_below_the_IOS_threshold_stay_separate()
    {
        // Intersection 40·100 = 4000 over the smaller area 10000 → IOS 0.4.
        var a = Box(0, 0, 100, 100, 0.9f);
        var b = Box(60, 0, 160, 100, 0.8f);

        Assert.Equal(2, GreedyNmm.Merge([a, b]).Count);
        Assert.Single(GreedyNmm.Merge([a, b], iosThreshold: 0.4));
    }

    [Fact]
    public void IOS_is_measured_against_the_keeper_not_the_growing_union()
    {
        // b overlaps the keeper a (IOS 0.6) and c overlaps b but not a: c must survive on its own.
        var a = Box(0, 0, 100, 100, 0.9f);
        var b = Box(40, 0, 140, 100, 0.8f);
        var c = Box(130, 0, 230, 100, 0.7f);

        var merged = GreedyNmm.Merge([c, b, a]);

        Assert.Equal(2, merged.Count);
        Assert.Equal(Box(0, 0, 140, 100, 0.9f), merged[0]);
        Assert.Equal(c, merged[1]);
    }

    [Fact]
    public void A_small_box_inside_a_large_one_is_absorbed_whatever_its_IoU()
    {
        var large = Box(0, 0, 200, 200, 0.6f);
        var small = Box(50, 50, 70, 70, 0.95f);

        var only = Assert.Single(GreedyNmm.Merge([large, small]));

        Assert.Equal(Box(0, 0, 200, 200, 0.95f), only);
    }

    [Fact]
    public void Output_is_sorted_by_score_and_empty_input_gives_empty_output()
    {
        var merged = GreedyNmm.Merge([Box(0, 0, 10, 10, 0.3f), Box(50, 50, 60, 60, 0.9f), Box(100, 0, 110, 10, 0.6f)]);

        Assert.Equal([0.9f, 0.6f, 0.3f], merged.Select(d => d.Score));
        Assert.Empty(GreedyNmm.Merge([]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    public void Invalid_threshold_is_rejected(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GreedyNmm.Merge([], threshold));
    }

    [Fact]
    public void Duplicates_of_a_grid_of_plants_from_overlapping_tiles_collapse_to_one_per_plant()
    {
        // Property-style: a 10×10 grid of 40 px plants 100 px apart, each reported 1–3 times with jitter
        // (as overlapping tiles do), must come back as exactly 100 boxes.
        var random = new Random(7);
        var input = new List<Detection>();
        for (var gx = 0; gx < 10; gx++)
        {
            for (var gy = 0; gy < 10; gy++)
            {
                var copies = random.Next(1, 4);
                for (var k = 0; k < copies; k++)
                {
                    var jx = (float)(random.NextDouble() * 6 - 3);
                    var jy = (float)(random.NextDouble() * 6 - 3);
                    var x = gx * 100 + jx;
                    var y = gy * 100 + jy;
                    input.Add(Box(x, y, x + 40, y + 40, (float)random.NextDouble()));
                }
            }
        }

        Assert.Equal(100, GreedyNmm.Merge(input).Count);
    }

    [Theory]
    [InlineData(1, 5000, 0.5)]
    [InlineData(2, 2000, 0.3)]
    [InlineData(3, 800, 0.9)]
    public void The_grid_finds_exactly_what_comparing_every_pair_finds(int seed, int count, double ios)
    {
        // Clusters of overlapping boxes of varied sizes and two classes, a few huge and degenerate ones among them.
        var random = new Random(seed);
        var input = new List<Detection>();
        for (var i = 0; i < count; i++)
        {
            var cx = (float)(random.NextDouble() * 4000);
            var cy = (float)(random.NextDouble() * 3000);
            var side = i % 97 == 0 ? 2500f : i % 89 == 0 ? 0f : 10f + (float)(random.NextDouble() * 80);
            input.Add(new Detection(cx, cy, cx + side, cy + (side * (0.5f + (float)random.NextDouble())), (float)random.NextDouble(), i % 2, i % 2 == 0 ? "plant" : "weed"));
        }

        input.Add(new Detection(float.NaN, 1, 2, 3, 0.99f, 0, "plant"));

        var expected = GreedyNmm.MergeEveryPair(input, ios);
        var merged = GreedyNmm.Merge(input, ios);

        Assert.Equal(expected, merged);
        Assert.InRange(merged.Count, 1, count);
    }
}
