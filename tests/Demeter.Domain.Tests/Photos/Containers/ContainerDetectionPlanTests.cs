using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Tests.Photos.Containers;

public class ContainerDetectionPlanTests
{
    private const int PhotoWidth = 4000;
    private const int PhotoHeight = 3000;

    private static Container At(int index, PixelRect box) =>
        new(index, ContainerTypes.Box, StorageBinCategory.Box, "cajon", 0.9f, box, ContainerMask.FromRect(box, PhotoWidth, PhotoHeight));

    [Fact]
    public void A_crop_lower_than_a_tile_is_one_direct_region()
    {
        var crop = new PixelRect(100, 200, 600, 400);

        var work = ContainerDetectionPlan.Plan(At(3, crop), PhotoWidth, PhotoHeight, 512, 0.25);

        // 400 < 512 in height: no slicing, however wide the crop.
        Assert.Equal(new ContainerWork(3, crop, false, work.Regions), work);
        Assert.Equal([crop], work.Regions);
    }

    [Fact]
    public void A_crop_narrower_than_a_tile_is_one_direct_region()
    {
        var crop = new PixelRect(0, 0, 500, 2000);

        var work = ContainerDetectionPlan.Plan(At(0, crop), PhotoWidth, PhotoHeight, 512, 0.25);

        Assert.False(work.Sliced);
        Assert.Equal([crop], work.Regions);
    }

    [Fact]
    public void A_crop_of_exactly_one_tile_is_sliced_into_that_tile()
    {
        var crop = new PixelRect(10, 20, 512, 512);

        var work = ContainerDetectionPlan.Plan(At(0, crop), PhotoWidth, PhotoHeight, 512, 0.25);

        Assert.True(work.Sliced);
        Assert.Equal([crop], work.Regions);
    }

    [Fact]
    public void A_large_crop_is_sliced_into_tiles_shifted_by_the_crop_origin()
    {
        var crop = new PixelRect(200, 300, 1200, 800);

        var work = ContainerDetectionPlan.Plan(At(1, crop), PhotoWidth, PhotoHeight, 512, 0.25);

        // Overlap floor(0.25 · 512) = 128, stride 384. Columns: ceil((1200 − 512) / 384) + 1 = 3, starting at 0, 384 and
        // 1200 − 512 = 688; rows: ceil((800 − 512) / 384) + 1 = 2, at 0 and 800 − 512 = 288. Then + (200, 300).
        Assert.True(work.Sliced);
        Assert.Equal(crop, work.Crop);
        Assert.Equal(
            [
                new PixelRect(200, 300, 512, 512), new PixelRect(584, 300, 512, 512), new PixelRect(888, 300, 512, 512),
                new PixelRect(200, 588, 512, 512), new PixelRect(584, 588, 512, 512), new PixelRect(888, 588, 512, 512),
            ],
            work.Regions);
        Assert.Equal(TilePlanner.Count(1200, 800, 512, 0.25), work.Regions.Count);
        Assert.All(work.Regions, t => Assert.True(t.X >= crop.X && t.Y >= crop.Y && t.Right <= crop.Right && t.Bottom <= crop.Bottom));
    }

    [Fact]
    public void A_whole_photo_crop_is_eight_by_four_tiles()
    {
        var crop = new PixelRect(0, 0, 3000, 1500);

        var work = ContainerDetectionPlan.Plan(At(0, crop), 3000, 1500, 512, 0.25);

        // Columns ceil((3000 − 512) / 384) + 1 = 7 + 1 = 8; rows ceil((1500 − 512) / 384) + 1 = 3 + 1 = 4.
        Assert.True(work.Sliced);
        Assert.Equal(32, work.Regions.Count);
        Assert.Equal(8, work.Regions.Select(t => t.X).Distinct().Count());
        Assert.Equal(4, work.Regions.Select(t => t.Y).Distinct().Count());
    }

    [Fact]
    public void The_box_is_clipped_to_the_photo_before_planning()
    {
        // (−100, −50) to (700, 600) in the photo → (0, 0) to (700, 600): 700 × 600, both ≥ 512 → 2 × 2 tiles.
        var box = new PixelRect(-100, -50, 800, 650);

        var work = ContainerDetectionPlan.Plan(At(0, box), PhotoWidth, PhotoHeight, 512, 0.25);

        Assert.Equal(new PixelRect(0, 0, 700, 600), work.Crop);
        Assert.Equal(
            [new PixelRect(0, 0, 512, 512), new PixelRect(188, 0, 512, 512), new PixelRect(0, 88, 512, 512), new PixelRect(188, 88, 512, 512)],
            work.Regions);
    }

    [Fact]
    public void A_box_outside_the_photo_has_no_work()
    {
        var work = ContainerDetectionPlan.Plan(At(0, new PixelRect(4100, 0, 300, 300)), PhotoWidth, PhotoHeight, 512, 0.25);

        Assert.False(work.Sliced);
        Assert.Empty(work.Regions);
        Assert.Equal(0, work.Crop.AreaPx);
    }

    [Fact]
    public void Every_container_is_planned_in_order_and_the_region_count_agrees()
    {
        IReadOnlyList<Container> containers =
        [
            At(0, new PixelRect(100, 200, 600, 400)), // direct: 1
            At(1, new PixelRect(200, 300, 1200, 800)), // 3 × 2 = 6
            At(2, new PixelRect(0, 0, 3000, 1500)), // 8 × 4 = 32
            At(3, new PixelRect(5000, 5000, 10, 10)), // outside: 0
        ];

        var plan = ContainerDetectionPlan.Plan(containers, PhotoWidth, PhotoHeight, 512, 0.25);

        Assert.Equal([0, 1, 2, 3], plan.Select(w => w.ContainerIndex));
        Assert.Equal([1, 6, 32, 0], plan.Select(w => w.Regions.Count));
        Assert.Equal(39, ContainerDetectionPlan.RegionCount(containers, PhotoWidth, PhotoHeight, 512, 0.25));
    }
}
