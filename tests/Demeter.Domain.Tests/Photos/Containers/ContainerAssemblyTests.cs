using Demeter.Domain.Photos.Containers;
using Demeter.Domain.Photos.Vision;
using Demeter.Domain.Storage;

namespace Demeter.Domain.Tests.Photos.Containers;

public class ContainerAssemblyTests
{
    private const int Photo = 1000;

    private static Detection Box(float x1, float y1, float x2, float y2, float score = 0.8f, int classId = 0) =>
        new(x1, y1, x2, y2, score, classId, classId == 0 ? "plant" : $"class{classId}");

    private static Container Rect(int index, PixelRect box) =>
        new(index, ContainerTypes.Box, StorageBinCategory.Box, "cajon", 0.9f, box, ContainerMask.FromRect(box, Photo, Photo));

    private static IReadOnlyDictionary<int, IReadOnlyList<RegionDetections>> Direct(params (Container Container, Detection[] Detections)[] work) =>
        work.ToDictionary(w => w.Container.Index, w => (IReadOnlyList<RegionDetections>)[new RegionDetections(w.Container.Box, w.Detections)]);

    [Fact]
    public void Detections_are_shifted_from_the_region_to_photo_pixels()
    {
        var container = Rect(0, new PixelRect(100, 200, 400, 300));

        var result = ContainerAssembly.Assemble([container], Direct((container, [Box(10, 20, 40, 60)])), Photo, Photo);

        var only = Assert.Single(Assert.Single(result).Detections);
        Assert.Equal(Box(110, 220, 140, 260), only);
        Assert.Equal(new DetectionDrops(0, 0, 0, 0), result[0].Dropped);
    }

    [Fact]
    public void A_box_whose_centre_is_outside_the_mask_is_dropped()
    {
        // A 2 × 2 grid over the photo with only the top-left cell inside: the mask is x, y ∈ [0, 500).
        var mask = ContainerMask.FromCells([true, false, false, false], 2, 2, Photo, Photo);
        var container = new Container(0, ContainerTypes.Segment, StorageBinCategory.Segment, "segment", 0.9f, new PixelRect(0, 0, Photo, Photo), mask);
        var inside = Box(180, 180, 220, 220); // centre (200, 200)
        var outside = Box(680, 180, 720, 220); // centre (700, 200): in the box, not in the mask
        var straddling = Box(470, 100, 540, 140); // centre (505, 120): its left part overlaps the mask, its centre does not

        var result = ContainerAssembly.Assemble([container], Direct((container, [inside, outside, straddling])), Photo, Photo);

        Assert.Equal([inside], result[0].Detections);
        Assert.Equal(new DetectionDrops(0, 0, 2, 0), result[0].Dropped);
        Assert.Equal(2, result[0].Dropped.Total);
    }

    [Fact]
    public void Boxes_under_a_hundred_square_pixels_are_dropped()
    {
        var container = Rect(0, new PixelRect(0, 0, Photo, Photo));
        var small = Box(100, 100, 109, 109); // 9 · 9 = 81 px²
        var thin = Box(200, 100, 299, 100.5f); // 99 · 0.5 = 49.5 px²
        var justEnough = Box(300, 100, 310, 110); // 10 · 10 = 100 px²: kept

        var result = ContainerAssembly.Assemble([container], Direct((container, [small, thin, justEnough])), Photo, Photo);

        Assert.Equal([justEnough], result[0].Detections);
        Assert.Equal(new DetectionDrops(2, 0, 0, 0), result[0].Dropped);
    }

    [Fact]
    public void Boxes_touching_the_photo_border_are_dropped()
    {
        var container = Rect(0, new PixelRect(0, 0, Photo, Photo));
        var left = Box(0.5f, 400, 40, 440); // x1 < 1
        var top = Box(400, 0, 440, 40);
        var right = Box(960, 400, 999.5f, 440); // x2 > 999
        var bottom = Box(400, 960, 440, 1000);
        var clear = Box(1, 1, 999, 999); // within the 1 px margin exactly: kept

        var result = ContainerAssembly.Assemble([container], Direct((container, [left, top, right, bottom, clear])), Photo, Photo);

        Assert.Equal([clear], result[0].Detections);
        Assert.Equal(new DetectionDrops(0, 4, 0, 0), result[0].Dropped);
    }

    [Fact]
    public void Each_box_is_counted_under_the_first_filter_that_drops_it()
    {
        var container = Rect(0, new PixelRect(0, 0, 500, 500));
        var smallAtEdge = Box(0, 0, 5, 5); // small and at the edge: counted as small
        var edgeOutside = Box(0, 600, 40, 640); // at the edge and outside the mask: counted at the edge

        var result = ContainerAssembly.Assemble(
            [container], new Dictionary<int, IReadOnlyList<RegionDetections>> { [0] = [new(new PixelRect(0, 0, Photo, Photo), [smallAtEdge, edgeOutside])] }, Photo, Photo);

        Assert.Empty(result[0].Detections);
        Assert.Equal(new DetectionDrops(1, 1, 0, 0), result[0].Dropped);
    }

    [Fact]
    public void A_plant_seen_by_two_overlapping_containers_is_counted_once_by_the_higher_scored_copy()
    {
        // A covers x ∈ [100, 500), B x ∈ [450, 850): the plant at photo (460, 200)–(500, 240), centre (480, 220), lies in both.
        var a = Rect(0, new PixelRect(100, 100, 400, 400));
        var b = Rect(1, new PixelRect(450, 100, 400, 400));
        var inA = Box(360, 100, 400, 140, 0.7f); // + (100, 100)
        var inB = Box(10, 100, 50, 140, 0.9f); // + (450, 100)
        var onlyA = Box(100, 100, 140, 140, 0.5f);

        var result = ContainerAssembly.Assemble([a, b], Direct((a, [inA, onlyA]), (b, [inB])), Photo, Photo);

        Assert.Equal([Box(200, 200, 240, 240, 0.5f)], result[0].Detections);
        Assert.Equal(new DetectionDrops(0, 0, 0, 1), result[0].Dropped);
        Assert.Equal([Box(460, 200, 500, 240, 0.9f)], result[1].Detections);
        Assert.Equal(new DetectionDrops(0, 0, 0, 0), result[1].Dropped);
    }

    [Fact]
    public void The_duplicate_is_dropped_from_whichever_container_scored_lower()
    {
        var a = Rect(0, new PixelRect(100, 100, 400, 400));
        var b = Rect(1, new PixelRect(450, 100, 400, 400));

        var result = ContainerAssembly.Assemble([a, b], Direct((a, [Box(360, 100, 400, 140, 0.95f)]), (b, [Box(10, 100, 50, 140, 0.6f)])), Photo, Photo);

        Assert.Equal([Box(460, 200, 500, 240, 0.95f)], result[0].Detections);
        Assert.Empty(result[1].Detections);
        Assert.Equal(1, result[1].Dropped.Duplicate);
    }

    [Fact]
    public void Only_same_class_copies_overlapping_by_half_the_smaller_box_are_duplicates()
    {
        var a = Rect(0, new PixelRect(100, 100, 400, 400));
        var b = Rect(1, new PixelRect(450, 100, 400, 400));

        // In photo pixels (A's region is offset by (100, 100), B's by (450, 100)):
        //   y 200: A (460, 200)–(500, 240) class 0, B the same box class 1 → different classes, both kept;
        //   y 300: A (460, 300)–(500, 340), B (490, 300)–(530, 340) → overlap 10 · 40 / 1 600 = IOS 0.25, both kept;
        //   y 400: A (460, 400)–(500, 440), B (450, 400)–(490, 440) → overlap 30 · 40 / 1 600 = IOS 0.75, A's copy (0.7) goes.
        var result = ContainerAssembly.Assemble(
            [a, b],
            Direct(
                (a, [Box(360, 100, 400, 140, 0.7f), Box(360, 200, 400, 240, 0.7f), Box(360, 300, 400, 340, 0.7f)]),
                (b, [Box(10, 100, 50, 140, 0.9f, classId: 1), Box(40, 200, 80, 240, 0.9f), Box(0, 300, 40, 340, 0.9f)])),
            Photo,
            Photo);

        Assert.Equal([Box(460, 200, 500, 240, 0.7f), Box(460, 300, 500, 340, 0.7f)], result[0].Detections);
        Assert.Equal(new DetectionDrops(0, 0, 0, 1), result[0].Dropped);
        Assert.Equal(3, result[1].Detections.Count);
        Assert.Equal(0, result[1].Dropped.Total);
    }

    [Fact]
    public void Overlapping_plants_in_one_container_are_never_deduplicated()
    {
        var container = Rect(0, new PixelRect(100, 100, 400, 400));
        var first = Box(100, 100, 140, 140, 0.9f);
        var second = Box(105, 105, 145, 145, 0.8f);

        var result = ContainerAssembly.Assemble([container], Direct((container, [first, second])), Photo, Photo);

        Assert.Equal(2, result[0].Detections.Count);
        Assert.Equal(0, result[0].Dropped.Total);
    }

    [Fact]
    public void A_plant_cut_by_a_tile_edge_is_merged_across_the_container_tiles()
    {
        var container = Rect(0, new PixelRect(0, 0, 900, 600));

        // Two tiles of 512 at x = 0 and x = 388: the left one sees only the part of the plant up to its edge at 512.
        var left = new RegionDetections(new PixelRect(0, 0, 512, 512), [Box(480, 100, 512, 160, 0.6f)]);
        var right = new RegionDetections(new PixelRect(388, 0, 512, 512), [Box(92, 100, 172, 160, 0.9f)]);

        var result = ContainerAssembly.Assemble([container], new Dictionary<int, IReadOnlyList<RegionDetections>> { [0] = [left, right] }, Photo, Photo);

        // IOS = 32 · 60 / (32 · 60) = 1 → one union box (480, 100)–(560, 160) with the best score.
        Assert.Equal([Box(480, 100, 560, 160, 0.9f)], result[0].Detections);
    }

    [Fact]
    public void A_single_region_is_not_merged()
    {
        var container = Rect(0, new PixelRect(0, 0, 900, 600));
        var region = new RegionDetections(new PixelRect(0, 0, 900, 600), [Box(480, 100, 512, 160, 0.6f), Box(480, 100, 560, 160, 0.9f)]);

        var result = ContainerAssembly.Assemble([container], new Dictionary<int, IReadOnlyList<RegionDetections>> { [0] = [region] }, Photo, Photo);

        Assert.Equal(2, result[0].Detections.Count);
    }

    [Fact]
    public void A_container_without_regions_has_no_plants()
    {
        var a = Rect(0, new PixelRect(100, 100, 400, 400));
        var b = Rect(1, new PixelRect(500, 100, 400, 400));

        var result = ContainerAssembly.Assemble([a, b], Direct((a, [Box(10, 10, 50, 50)])), Photo, Photo);

        Assert.Equal([0, 1], result.Select(r => r.ContainerIndex));
        Assert.Single(result[0].Detections);
        Assert.Empty(result[1].Detections);
        Assert.Equal(new DetectionDrops(0, 0, 0, 0), result[1].Dropped);
    }

    [Fact]
    public void Filter_settings_are_honoured()
    {
        var container = Rect(0, new PixelRect(0, 0, Photo, Photo));
        var settings = new DetectionFilterSettings { MinAreaPx = 2_000, EdgeMarginPx = 20 };
        var small = Box(100, 100, 140, 140); // 1 600 px² < 2 000
        var nearEdge = Box(10, 300, 70, 360); // 3 600 px², x1 = 10 < 20
        var kept = Box(300, 300, 360, 360);

        var result = ContainerAssembly.Assemble([container], Direct((container, [small, nearEdge, kept])), Photo, Photo, settings);

        Assert.Equal([kept], result[0].Detections);
        Assert.Equal(new DetectionDrops(1, 1, 0, 0), result[0].Dropped);
    }
}
