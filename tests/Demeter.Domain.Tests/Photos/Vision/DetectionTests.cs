using System.Text.Json;
using Demeter.Domain.Photos.Vision;

namespace Demeter.Domain.Tests.Photos.Vision;

public class DetectionTests
{
    [Fact]
    public void Shift_moves_both_corners_and_keeps_score_and_class()
    {
        var d = new Detection(10, 20, 30, 60, 0.8f, 2, "plant");

        Assert.Equal(new Detection(110, 70, 130, 110, 0.8f, 2, "plant"), d.Shift(100, 50));
    }

    [Fact]
    public void Area_width_height_and_center_come_from_the_corners()
    {
        var d = new Detection(10, 20, 30, 60, 0.8f, 0, "plant");

        Assert.Equal(800f, d.Area);
        Assert.Equal((20f, 40f), d.Center);
        Assert.Equal(0f, new Detection(5, 5, 4, 9, 1, 0, "plant").Area);
    }

    [Fact]
    public void Detection_round_trips_through_System_Text_Json_with_only_its_constructor_values()
    {
        var d = new Detection(1.25f, 2.5f, 300.75f, 401f, 0.875f, 3, "suculenta");

        foreach (var options in new[] { JsonSerializerOptions.Default, JsonSerializerOptions.Web })
        {
            var json = JsonSerializer.Serialize(d, options);

            Assert.Equal(d, JsonSerializer.Deserialize<Detection>(json, options));
            Assert.DoesNotContain("rea", json, StringComparison.Ordinal);
            Assert.DoesNotContain("enter", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Iou_and_ios_of_known_boxes()
    {
        var a = new Detection(0, 0, 100, 100, 1, 0, "plant");
        var b = new Detection(50, 0, 100, 50, 1, 0, "plant");

        Assert.Equal(2500f, BoxOverlap.IntersectionArea(a, b));
        Assert.Equal(0.25f, BoxOverlap.Iou(a, b));
        Assert.Equal(1f, BoxOverlap.Ios(a, b));
        Assert.Equal(0f, BoxOverlap.Iou(a, new Detection(200, 200, 300, 300, 1, 0, "plant")));
    }

    [Fact]
    public void Filters_keep_centres_inside_a_region_and_drop_small_or_edge_boxes()
    {
        Detection[] ds =
        [
            new(0, 0, 20, 20, 1, 0, "plant"),      // centre (10,10), touches the edge
            new(40, 40, 60, 60, 1, 0, "plant"),    // centre (50,50)
            new(90, 90, 95, 95, 1, 0, "plant"),    // 25 px²
        ];

        Assert.Equal([ds[1]], DetectionFilters.CentreInside(ds, new PixelRect(30, 30, 40, 40)));
        Assert.Equal([ds[0], ds[1]], DetectionFilters.MinArea(ds, 100));
        Assert.Equal([ds[1], ds[2]], DetectionFilters.NotTouchingEdge(ds, 100, 100));
    }
}
